/**
 * Hostile dumps: HTML, SVG and JavaScript in comments, chain names, an interface name, a
 * namespace and kubectl pod names. Every view, tooltip, the dump viewer, the topology SVG and
 * the copied Markdown show them as text: no script runs, no dialog opens, no element is injected.
 * Also: the built page's Content-Security-Policy, redaction from the workspace panel, and inputs
 * above the supported size. (Every spec asserts that no request leaves the origin: e2e/test.ts.)
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { hostileBundle, PAYLOADS } from './fixtures/hostile';
import { expect, test } from './test';

/** Elements or attributes a payload would have created, and whether any payload ran. */
async function injected(page: Page) {
  return page.evaluate(() => ({
    pwned: (window as { __pwned?: unknown }).__pwned ?? null,
    elements: [...document.querySelectorAll('iframe, img[src="x"], img:not([src]), [onerror], [onload], [onclick], script:not([src])')].map((e) => e.outerHTML.slice(0, 120)),
  }));
}

async function recordDialogsAndViolations(page: Page) {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.addInitScript(() => {
    (window as { __violations?: string[] }).__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => (window as unknown as { __violations: string[] }).__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return dialogs;
}

async function pasteAndTrace(page: Page) {
  await page.getByTestId('paste-box').fill(hostileBundle());
  await page.getByTestId('paste-name').fill('hostile<img src=x onerror=alert(9)>.txt');
  await page.getByTestId('paste-add').click();
  await page.getByTestId('packet-from').fill('10.244.1.2');
  await page.getByTestId('packet-spec').fill('tcp 10.244.1.2:40000 > 10.96.0.100:80');
  await page.getByTestId('trace-button').click();
}

test('payloads in dumps render as text everywhere: views, tooltips, dump viewer, topology SVG, Markdown', async ({ page, app, context }) => {
  test.setTimeout(240_000); // every hop in three views
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const dialogs = await recordDialogsAndViolations(page);
  await app.open('?workspace=1');
  await pasteAndTrace(page);
  await app.waitForTrace();
  const rows = await app.rows();
  expect(rows.length).toBeGreaterThan(10);

  // The payloads are on the path, shown as the text they are.
  expect(rows.some((r) => r.chain === PAYLOADS.chain)).toBe(true);
  expect(rows.some((r) => r.netns.includes(PAYLOADS.netns))).toBe(true);
  await expect(page.getByTestId('event-list').getByText(PAYLOADS.chain).first()).toBeVisible();

  // Every hop once, in every centre view: details, inspector, chain view, netfilter map, topology.
  await page.getByTestId('topology').click({ position: { x: 3, y: 3 } });
  for (const view of ['t', 'n', 'c']) {
    await page.keyboard.press(view);
    await page.keyboard.press('Home');
    for (let i = 0; i < rows.length; i++) await page.keyboard.press('ArrowRight');
    expect(await injected(page), `view ${view}`).toEqual({ pwned: null, elements: [] });
  }
  // The chain view lists the rule whose comment is a payload, as text.
  const commentRow = rows.findIndex((r) => r.chain === PAYLOADS.chain);
  await page.locator(`[data-testid="event-row"][data-hop-id="${rows[commentRow]!.id}"]`).click();
  await page.keyboard.press('c');
  await expect(page.getByTestId('chain-view')).toHaveAttribute('data-chain', PAYLOADS.chain);
  await app.screenshot('40-hostile-chain');

  // Topology: an SVG whose labels carry the payload names as text nodes only.
  await page.keyboard.press('t');
  const svg = page.getByTestId('topology').locator('svg').first();
  await expect(svg).toBeVisible();
  const svgText = await svg.evaluate((el) => el.textContent ?? '');
  expect(svgText).toContain(PAYLOADS.iface);
  expect(await svg.evaluate((el) => el.querySelectorAll('svg svg, script, foreignObject, [onload], [onerror]').length)).toBe(0);
  await app.screenshot('41-hostile-topology');

  // Tooltips (title attributes) hold the payloads as plain attribute text.
  const titles = await page.evaluate(() => [...document.querySelectorAll('[title]')].map((e) => e.getAttribute('title') ?? ''));
  expect(titles.some((t) => t.includes('<'))).toBe(true);

  // The dump viewer shows the pasted line with the comment payload.
  const diag = page.locator('[data-testid="diagnostic"]').first();
  if (await diag.count()) {
    await diag.click();
    await expect(page.getByTestId('file-viewer')).toBeVisible();
    await page.keyboard.press('Escape');
  }

  // Copy as Markdown: every < is escaped, so a Markdown renderer cannot read a tag.
  await page.getByTestId('copy-markdown').click();
  const markdown = await page.evaluate(() => navigator.clipboard.readText());
  expect(markdown).toContain('KUBE\\-\\<svg');
  expect(markdown).not.toMatch(/(?<!\\)</);
  await page.getByTestId('copy-text').click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toContain(PAYLOADS.chain);

  expect(await injected(page)).toEqual({ pwned: null, elements: [] });
  expect(dialogs).toEqual([]);
  expect(await page.evaluate(() => (window as { __violations?: string[] }).__violations)).toEqual([]);
});

test('the built page has a strict Content-Security-Policy and no inline script', async ({ page, app }) => {
  await app.open('?scenario=pod-to-clusterip');
  await app.waitForTrace();
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(csp).toContain("connect-src 'none'");
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("default-src 'none'");
  expect(csp).not.toContain('unsafe-inline');
  expect(csp).not.toContain('unsafe-eval');
  expect(await page.locator('script:not([src])').count()).toBe(0);
  // The policy is enforced: a script may not reach another origin, nor even its own.
  const fetched = await page.evaluate(async () => {
    try {
      await fetch('/favicon.svg');
      return 'fetched';
    } catch {
      return 'refused';
    }
  });
  expect(fetched).toBe('refused');
});

test('Redact in the workspace panel replaces addresses and names; the trace keeps its path', async ({ page, app }) => {
  await app.open('?workspace=1');
  await pasteAndTrace(page);
  await app.waitForTrace();
  const before = await app.rows();
  await page.getByTestId('redact-button').click();
  await expect(page.getByTestId('redact-status')).toContainText(/Replaced \d+ addresses, \d+ MAC addresses and \d+ names/);
  await app.waitForTrace();
  await expect(page.getByTestId('packet-spec')).not.toHaveValue(/10\.244\.1\.2/);
  const after = await app.rows();
  expect(after.map((r) => r.kind)).toEqual(before.map((r) => r.kind));
  expect(after.map((r) => r.chain)).toEqual(before.map((r) => r.chain));
  await app.screenshot('42-redacted');
});

test('an input above the supported size waits for "Parse anyway"', async ({ page, app }) => {
  test.setTimeout(180_000); // 68 MB read twice
  await app.open('?workspace=1');
  // 68 MB on disk (Playwright hands larger buffers over only as files).
  const path = join(mkdtempSync(join(tmpdir(), 'hopscope-large-')), 'huge-routes.txt');
  writeFileSync(path, `${'x'.repeat(1023)}\n`.repeat(68 * 1024));
  await page.getByTestId('file-input').setInputFiles(path);
  const notice = page.getByTestId('large-input-notice');
  await expect(notice).toContainText('huge-routes.txt');
  await expect(notice).toContainText('64 MB');
  await expect(page.getByTestId('input-list')).toHaveCount(0);
  await app.screenshot('43-large-input');
  await page.getByTestId('large-input-cancel').click();
  await expect(notice).toBeHidden();
  await expect(page.getByTestId('input-list')).toHaveCount(0);
  // The page answered all along; parsing anyway is the user's choice.
  await page.getByTestId('file-input').setInputFiles(path);
  await page.getByTestId('large-input-parse').click();
  await expect(page.locator('[data-testid="input-row"][data-name="huge-routes.txt"]')).toBeVisible();
});
