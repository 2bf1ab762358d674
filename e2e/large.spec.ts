/**
 * A dump with a chain of 100,000 rules: read in the worker while the page keeps answering, and
 * the chain view lists every rule without putting 100,000 rows in the page (virtualised).
 * Nothing here is timed; the lead benchmarks separately.
 */
import { bigChainBundle } from './fixtures/bundle';
import { expect, test } from './test';

const RULES = 100_000;

test('a chain of 100,000 rules: the page stays usable while it is read, and the chain view scrolls it', async ({ page, app }) => {
  test.setTimeout(120_000);
  await app.open('?workspace=1');
  const text = bigChainBundle(RULES);
  await page.getByTestId('file-input').setInputFiles({ name: 'big.bundle.txt', mimeType: 'text/plain', buffer: Buffer.from(text) });
  // The page answers while the worker reads: the theme still toggles.
  await page.getByTestId('theme-toggle').click();
  await expect(page.locator('html')).toHaveClass(/dark/);
  await page.getByTestId('theme-toggle').click();
  await expect(page.locator('[data-testid="input-row"][data-name="big.bundle.txt"]')).toHaveAttribute('data-format', 'bundle', { timeout: 60_000 });

  await page.getByTestId('packet-from').fill('big-1');
  await page.getByTestId('packet-dst').fill('10.99.0.1:443');
  await page.getByTestId('trace-button').click();
  await app.waitForTrace();
  const rows = await app.rows();
  const big = rows.findIndex((r) => r.chain === 'BIG');
  expect(big).toBeGreaterThan(0);
  await page.locator(`[data-testid="event-row"][data-hop-id="${rows[big]!.id}"]`).click();
  await page.keyboard.press('c');
  const chain = page.getByTestId('chain-view');
  await expect(chain).toContainText(`${RULES.toLocaleString('en')} rules · 1 evaluated`);
  await expect(chain.locator('[data-testid="chain-rule"][data-position="1"]')).toHaveAttribute('data-state', 'matched');
  expect(await chain.getByTestId('chain-rule').count()).toBeLessThan(200);
  const scroller = chain.getByTestId('chain-rules-scroll');
  await scroller.evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expect(chain.locator(`[data-testid="chain-rule"][data-position="${RULES}"]`)).toHaveAttribute('data-state', 'not-reached');
  expect(await chain.getByTestId('chain-rule').count()).toBeLessThan(200);
  await app.screenshot('30-big-chain-1280');
});
