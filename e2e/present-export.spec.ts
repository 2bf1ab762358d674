/**
 * Presenter mode (large type, high contrast, keys, a pointer for the room) and the exports: the
 * topology as SVG and PNG, the trace as a self-contained HTML page. Files are checked by content.
 */
import { readFileSync } from 'node:fs';
import { SCREENSHOTS } from './hopscope-page';
import { expect, test } from './test';

test('presenter mode: from ?present=1, the P key and the header; large type, keys, a pointer', async ({ page, app }) => {
  await app.open('?scenario=pod-to-clusterip&present=1');
  await app.waitForTrace();
  const html = page.locator('html');
  await expect(html).toHaveClass(/\bpresent\b/);
  await expect(page.getByTestId('present-toggle')).toHaveAttribute('aria-pressed', 'true');
  const zoom = () => page.locator('.hs-wall').first().evaluate((el) => getComputedStyle(el).zoom);
  expect(Number(await zoom())).toBeGreaterThan(1.2);

  // The keyboard drives the player.
  const total = (await app.rows()).length;
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await app.expectHop(3, total);
  await page.keyboard.press('End');
  await app.expectHop(total, total);
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowRight');

  // The pointer ring follows the mouse.
  await page.mouse.move(640, 300);
  const pointer = page.getByTestId('pointer-highlight');
  await expect(pointer).toBeVisible();
  await expect(pointer).toHaveAttribute('style', /translate\(640px, 300px\)/);
  await app.screenshot('80-present-1280');

  // The help lists the presenter keys.
  await page.keyboard.press('?');
  // One table of keys: the presenter's are rows of the same table as the player's.
  await expect(page.getByTestId('shortcut-table').getByTestId('presenter-key').first()).toContainText('Presenter mode on / off');
  await expect(page.getByTestId('help-overlay').locator('dl')).toHaveCount(1);
  await app.screenshot('81-present-help-1280');
  await page.keyboard.press('Escape');

  // P leaves, and the address follows; the header button comes back to it.
  await page.keyboard.press('p');
  await expect(html).not.toHaveClass(/\bpresent\b/);
  await expect(page).not.toHaveURL(/present=1/);
  await expect(pointer).toHaveCount(0);
  expect(Number(await zoom())).toBeLessThan(1.2);
  await page.getByTestId('present-toggle').click();
  await expect(html).toHaveClass(/\bpresent\b/);
  await expect(page).toHaveURL(/[?&]present=1/);

  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.mouse.move(900, 500);
  await app.screenshot('82-present-1920');
  await page.keyboard.press('d');
  await app.screenshot('83-present-dark-1920');
});

test('export: the topology as SVG and PNG, the trace as an HTML page with no script and no request', async ({ page, app, browser }) => {
  await app.open('?scenario=pod-to-clusterip&step=6');
  await app.waitForTrace();
  const total = (await app.rows()).length;
  const title = (await page.getByTestId('scenario-heading').locator('h1').innerText()).split('\n')[0]!.trim();
  await page.getByTestId('share-button').click();
  const save = async (id: string) => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(id).click()]);
    return { name: download.suggestedFilename(), bytes: readFileSync(await download.path()) };
  };

  const svg = await save('export-svg');
  expect(svg.name).toBe('pod-to-clusterip-hop-6.svg');
  const svgText = svg.bytes.toString('utf8');
  expect(svgText.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg')).toBe(true);
  const parsed = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    return { error: doc.querySelector('parsererror') !== null, root: doc.documentElement.localName, ns: doc.documentElement.namespaceURI, texts: doc.querySelectorAll('text').length, scripts: doc.querySelectorAll('script').length, classes: doc.querySelectorAll('[class]').length };
  }, svgText);
  expect(parsed).toMatchObject({ error: false, root: 'svg', ns: 'http://www.w3.org/2000/svg', scripts: 0, classes: 0 });
  expect(parsed.texts).toBeGreaterThan(5);
  // The page's CSS is written inline, as plain sRGB colours any viewer reads.
  expect(svgText).toMatch(/style="[^"]*fill:rgb\(/);
  expect(svgText).not.toContain('oklch');
  expect(svgText).toContain('eth0');

  const png = await save('export-png');
  expect(png.name).toBe('pod-to-clusterip-hop-6.png');
  expect([...png.bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const width = png.bytes.readUInt32BE(16);
  const height = png.bytes.readUInt32BE(20);
  expect(width).toBeGreaterThan(400);
  expect(height).toBeGreaterThan(200);

  const html = await save('export-html');
  expect(html.name).toBe('pod-to-clusterip-trace.html');
  const page2Html = html.bytes.toString('utf8');
  expect(page2Html).not.toMatch(/<script/i);
  expect(page2Html).toContain(`<title>${title}</title>`);
  expect(page2Html.match(/<li><div class="n">/g)).toHaveLength(total);
  expect(page2Html).toContain('<svg');
  expect(page2Html).toMatch(/Content-Security-Policy" content="default-src 'none'/);

  // Opened on its own, with scripts off, the page reads and requests nothing.
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 720 } });
  const reader = await context.newPage();
  const requests: string[] = [];
  reader.on('request', (r) => requests.push(r.url()));
  await reader.setContent(page2Html);
  await expect(reader.locator('h1')).toHaveText(title);
  await expect(reader.locator('ol.hops > li')).toHaveCount(total);
  await reader.screenshot({ path: `${SCREENSHOTS}/85-export-html-1280.png` });
  expect(requests).toEqual([]);
  // The exported picture itself, to look at.
  const image = await context.newPage();
  await image.setContent(`<img src="data:image/png;base64,${png.bytes.toString('base64')}" style="max-width:100%">`);
  await image.screenshot({ path: `${SCREENSHOTS}/84-export-png-1280.png` });
  await context.close();
});
