/**
 * Trainers: the share dialog's links, the embedded player in an <iframe>, a whole workspace
 * carried in a link's fragment and restored in a fresh browser, the too-large message and the
 * workspace file, and hostile links refused. Every page asserts it requested nothing but the
 * app's own files (the `app` fixture; fresh contexts check the same by hand).
 */
import type { Page } from '@playwright/test';
import { deflateSync, strToU8 } from 'fflate';
import { clusterBundle } from './fixtures/bundle';
import { HopscopePage } from './hopscope-page';
import { expect, test } from './test';

const ORIGIN = `http://127.0.0.1:${process.env.HOPSCOPE_E2E_PORT ?? '4173'}`;

function base64url(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64url');
}

/** A link's fragment made from any JSON, the way an attacker would make one. */
function craft(json: string): string {
  return base64url(deflateSync(strToU8(json)));
}

/**
 * A course page that embeds `iframe`, served at the app's origin by the test itself (Chromium's
 * local-network checks block a 127.0.0.1 frame inside about:blank).
 */
async function hostPage(page: Page, iframe: string) {
  const body = `<!doctype html><html><head><meta charset="utf-8"><title>Course</title></head><body style="margin:0;padding:20px 32px;background:#e2e8f0;font:16px system-ui">
<h1 style="margin:0 0 12px;font-size:22px">Networking 101 — week 3</h1>${iframe}</body></html>`;
  await page.unroute('**/course-page.html');
  await page.route('**/course-page.html', (route) => route.fulfill({ contentType: 'text/html', body }));
  await page.goto('/course-page.html');
}

test('the dialog’s embed snippet shows the compact player in an iframe, at the hop and in the language', async ({ page, app }) => {
  await app.open('?scenario=pod-to-clusterip&step=3&lang=ko');
  await app.waitForTrace();
  const total = (await app.rows()).length;
  await page.getByTestId('share-button').click();
  const dialog = page.getByTestId('share-dialog');
  await expect(dialog).toBeVisible();
  const link = await dialog.getByTestId('share-link').inputValue();
  expect(link).toBe(`${ORIGIN}/?scenario=pod-to-clusterip&step=3&lang=ko`);
  const snippet = await dialog.getByTestId('embed-snippet').inputValue();
  expect(snippet).toMatch(/^<iframe src="[^"]+&amp;embed=1" title="[^"]+" width="960" height="540"/);
  await app.screenshot('70-share-dialog-1280');

  await hostPage(page, snippet);
  const frame = page.frameLocator('iframe');
  await expect(frame.getByTestId('embed-player')).toBeVisible();
  await expect(frame.getByTestId('embed-counter')).toHaveText(`홉 3 / ${total}`);
  await expect(frame.getByTestId('embed-message')).toHaveText(/[\uac00-\ud7a3]/);
  await expect(frame.getByTestId('topology')).toBeVisible();
  // A player, not an editor.
  for (const id of ['edit-dumps', 'workspace-panel', 'share-button', 'event-list']) await expect(frame.getByTestId(id)).toHaveCount(0);
  const before = await frame.getByTestId('embed-message').getAttribute('data-hop-id');
  await frame.getByRole('button', { name: '다음 홉' }).click();
  await expect(frame.getByTestId('embed-counter')).toHaveText(`홉 4 / ${total}`);
  expect(await frame.getByTestId('embed-message').getAttribute('data-hop-id')).not.toBe(before);
  await expect(frame.getByTestId('embed-open')).toHaveAttribute('href', `${ORIGIN}/?scenario=pod-to-clusterip&step=4&lang=ko`);
  await app.screenshot('71-embed-iframe-1280');

  await page.setViewportSize({ width: 1920, height: 1080 });
  await hostPage(page, `<iframe src="${ORIGIN}/?scenario=pod-to-clusterip&step=5&lang=zh&embed=1" title="Hopscope" width="1280" height="720" style="border:0"></iframe>`);
  await expect(frame.getByTestId('embed-counter')).toHaveText(`第 5 跳 / 共 ${total} 跳`);
  await app.screenshot('72-embed-iframe-1920-zh');
});

test('a share link carries the whole workspace in its fragment; a fresh browser restores the same trace', async ({ page, app, browser }) => {
  await app.open('?workspace=1');
  await page.getByTestId('paste-box').fill(clusterBundle());
  await page.getByTestId('paste-name').fill('my-cluster.bundle.txt');
  await page.getByTestId('paste-add').click();
  await page.getByTestId('packet-from').fill('10.244.1.2');
  await page.getByTestId('packet-spec').fill('tcp 10.244.1.2:40000 > 10.96.0.100:80');
  await page.getByTestId('trace-button').click();
  await app.waitForTrace();
  // A choice of one's own: the other endpoint.
  const firstDeliver = (await app.rows()).find((r) => r.kind === 'deliver')!.netns;
  await page.getByTestId('branches-bar').locator('[data-testid="branch-option"][aria-pressed="false"]').first().click();
  await expect.poll(async () => (await app.rows()).find((r) => r.kind === 'deliver')?.netns).not.toBe(firstDeliver);
  await page.getByTestId('topology').click({ position: { x: 5, y: 5 } });
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
  const rows = await app.rows();
  await app.expectHop(5, rows.length);
  const hopId = await app.currentHopId();

  await page.getByTestId('share-button').click();
  const link = await page.getByTestId('share-link').inputValue();
  const url = new URL(link);
  expect(url.search).toBe('?workspace=1&step=5&lang=en');
  expect(url.hash).toMatch(/^#ws=[A-Za-z0-9_-]+$/);
  // The dumps are only in the fragment, which browsers never send to a server.
  expect(url.search).not.toContain('KUBE');
  await app.screenshot('73-share-workspace-1280');

  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const fresh = await context.newPage();
  const other = new HopscopePage(fresh);
  await fresh.goto(link);
  await other.waitForTrace();
  expect(await other.rows()).toEqual(rows);
  expect(await other.currentHopId()).toBe(hopId);
  await other.expectHop(5, rows.length);
  await expect(fresh.locator('[data-testid="input-row"][data-name="my-cluster.bundle.txt"]')).toBeVisible();
  await expect(fresh.getByTestId('packet-spec')).toHaveValue('tcp 10.244.1.2:40000 > 10.96.0.100:80');
  // Read once, then out of the address bar: a reload must not undo later edits.
  expect(new URL(fresh.url()).hash).toBe('');
  await other.screenshot('74-share-restored-1280');
  expect(other.foreignRequests).toEqual([]);
  await context.close();
});

test('a workspace too large for a link says so; the workspace file carries it instead', async ({ page, app, browser }) => {
  await app.open('?workspace=1');
  await page.getByTestId('paste-box').fill(clusterBundle());
  await page.getByTestId('paste-name').fill('cluster.bundle.txt');
  await page.getByTestId('paste-add').click();
  // Incompressible text: 150,000 pseudo-random characters.
  let x = 88172645;
  const noise = Array.from({ length: 150_000 }, () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return String.fromCharCode(97 + ((x >>> 0) % 26));
  }).join('');
  await page.getByTestId('paste-box').fill(`# capture notes\n${noise}\n`);
  await page.getByTestId('paste-name').fill('notes.txt');
  await page.getByTestId('paste-add').click();
  await page.getByTestId('packet-from').fill('10.244.1.2');
  await page.getByTestId('packet-spec').fill('tcp 10.244.1.2:40000 > 10.96.0.100:80');
  await page.getByTestId('trace-button').click();
  await app.waitForTrace();
  const rows = await app.rows();

  await page.getByTestId('share-button').click();
  const tooLarge = page.getByTestId('share-too-large');
  await expect(tooLarge).toContainText('too large for a link');
  await expect(tooLarge).toContainText('65,536');
  await expect(tooLarge).toContainText('workspace file');
  await expect(page.getByTestId('share-link')).toHaveCount(0);
  await app.screenshot('75-share-too-large-1280');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('save-workspace-file').click()]);
  expect(download.suggestedFilename()).toBe('workspace.hopscope.json');
  const file = await download.path();

  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const fresh = await context.newPage();
  const other = new HopscopePage(fresh);
  await fresh.goto('/?workspace=1');
  await fresh.getByTestId('share-button').click();
  await fresh.getByTestId('open-workspace-file').setInputFiles(file);
  await other.waitForTrace();
  expect(await other.rows()).toEqual(rows);
  await expect(fresh.locator('[data-testid="input-row"][data-name="notes.txt"]')).toBeVisible();
  expect(other.foreignRequests).toEqual([]);
  await context.close();
});

test('hostile links are refused with a message, pollute nothing and fetch nothing', async ({ page, app }) => {
  const workspace = { inputs: [{ name: 'a.txt', text: '' }], packet: { from: '', in: null, spec: '' }, choices: {}, settings: { bridgeNfCallIptables: true, later: false } };
  const cases: [fragment: string, message: RegExp][] = [
    [craft(JSON.stringify({ v: 1, workspace }).replace('"choices":{}', '"choices":{"__proto__":{"polluted":"yes"}}')), /forbidden key “__proto__”/],
    [craft(JSON.stringify({ v: 1, workspace: { ...workspace, inputs: [{ name: 'a', text: '', src: 'https://example.com/dump.txt' }] } })), /not a Hopscope workspace/],
    [base64url(deflateSync(new Uint8Array(32 * 1024 * 1024), { level: 9 })), /more than 8 MB/],
    ['A'.repeat(70_000), /links longer than 65,536 are refused/],
    ['%3Cscript%3E', /characters a Hopscope link never has/],
  ];
  for (const [fragment, message] of cases) {
    await app.open(`?workspace=1#ws=${fragment}`);
    await expect(page.getByTestId('share-error')).toContainText(message);
    // The page goes on without the link: an empty workspace of one's own.
    await expect(page.getByTestId('empty-state')).toBeVisible();
    expect(await page.evaluate(() => (Object.prototype as Record<string, unknown>).polluted)).toBeUndefined();
  }
  await app.screenshot('76-share-hostile-1280');
  // A scenario name cannot point elsewhere either: scenarios are bundled, never fetched by URL.
  await app.open('?scenario=https://example.com/evil&embed=1');
  await expect(page.getByTestId('load-error')).toBeVisible();
  // An embed link that names nothing plays the default scenario, as the bare address does.
  await app.open('?embed=1&lang=zh');
  await expect(page.getByTestId('embed-message')).toContainText(/[\u4e00-\u9fff]/);
});
