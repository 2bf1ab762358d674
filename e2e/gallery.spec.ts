/**
 * The scenario gallery as a learner lives it: `/` plays the default scenario and the header's
 * gallery button lists the scenarios, a search and a filter narrow them (kept in the URL), a card opens its scenario; a scenario's dump is edited, which makes it the
 * user's own (labelled) workspace while the original stays as it was; the gallery in ko and zh.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './test';

const cards = (page: Page) => page.getByTestId('scenario-card');

async function useTheme(page: Page, theme: 'light' | 'dark') {
  const html = page.locator('html');
  if ((await html.getAttribute('class'))?.includes('dark') !== (theme === 'dark')) await page.getByTestId('theme-toggle').click();
  if (theme === 'dark') await expect(html).toHaveClass(/dark/);
  else await expect(html).not.toHaveClass(/dark/);
}

test('the landing page plays the default scenario; the gallery is one click away: search, filter, open a scenario', async ({ page, app }) => {
  await app.open('');
  await app.waitForTrace();
  await expect(page).toHaveURL(/[?&]scenario=pod-to-clusterip(&|$)/);
  await expect(page.getByTestId('gallery')).toBeHidden();
  await app.screenshot('69-landing-1280');
  await page.getByTestId('gallery-button').click();
  await expect(page).toHaveURL(/\?gallery(&|$)/);
  const gallery = page.getByTestId('gallery');
  await expect(gallery).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Scenarios' })).toBeVisible();
  await expect(cards(page).first()).toBeVisible();
  const total = await cards(page).count();
  expect(total).toBeGreaterThanOrEqual(9);
  await expect(page.getByTestId('gallery-count')).toHaveText(`${total} of ${total} scenarios`);
  await app.screenshot('70-gallery-1280-light');

  // A search narrows by every word, in titles, summaries and tags.
  await page.getByTestId('gallery-search').fill('ipvs nodeport');
  await expect(cards(page)).toHaveCount(1);
  await expect(cards(page)).toHaveAttribute('data-id', 'nodeport-ipvs');
  await page.getByTestId('gallery-search').fill('VXLAN');
  await expect(page.locator('[data-testid="scenario-card"][data-id="pod-to-pod-vxlan"]')).toBeVisible();
  expect(await cards(page).count()).toBeLessThan(total);
  await page.getByTestId('gallery-search').fill('');

  // A filter by datapath, then by level; the count follows.
  await page.getByTestId('filter-datapath').selectOption('kube-proxy-ipvs');
  const ipvs = await cards(page).count();
  expect(ipvs).toBeGreaterThan(0);
  expect(ipvs).toBeLessThan(total);
  for (const card of await cards(page).all()) await expect(card).toHaveAttribute('data-datapath', 'kube-proxy-ipvs');
  await expect(page.getByTestId('gallery-count')).toHaveText(`${ipvs} of ${total} scenarios`);
  await page.getByTestId('filter-level').selectOption('beginner');
  for (const card of await cards(page).all()) await expect(card).toHaveAttribute('data-level', 'beginner');
  // The filters are in the URL: a reload (or a trainer's shared link) shows the same list.
  await expect(page).toHaveURL(/\?gallery&datapath=kube-proxy-ipvs&level=beginner$/);
  const filtered = await cards(page).count();
  await page.reload();
  await expect(page.getByTestId('filter-datapath')).toHaveValue('kube-proxy-ipvs');
  await expect(page.getByTestId('filter-level')).toHaveValue('beginner');
  await expect(cards(page)).toHaveCount(filtered);
  await app.open('?gallery&q=vxlan');
  await expect(page.getByTestId('gallery-search')).toHaveValue('vxlan');
  await expect(page.locator('[data-testid="scenario-card"][data-id="pod-to-pod-vxlan"]')).toBeVisible();
  await page.getByTestId('gallery-search').fill('');
  await expect(page).toHaveURL(/\?gallery$/);
  await page.getByTestId('filter-datapath').selectOption('kube-proxy-ipvs');
  await page.getByTestId('clear-filters').click();
  await expect(cards(page)).toHaveCount(total);

  // A topic chip filters too, and the search field is a search landmark.
  await page.locator('[data-testid="scenario-card"][data-id="pod-to-clusterip"]').getByRole('button', { name: 'dnat', exact: true }).click();
  await expect(page.getByTestId('filter-topic')).toHaveValue('dnat');
  await page.getByTestId('clear-filters').click();
  await expect(page.getByRole('search')).toBeVisible();

  // Opening a card plays its scenario, and the URL names it (trainers' links keep working).
  await page.locator('[data-testid="scenario-card"][data-id="pod-to-clusterip"]').getByTestId('open-scenario').click();
  await app.waitForTrace();
  await expect(page).toHaveURL(/[?&]scenario=pod-to-clusterip(&|$)/);
  await expect(page.getByTestId('gallery')).toBeHidden();

  // The header brings the gallery back (search focused, filters kept); Escape returns to the trace.
  await page.getByTestId('gallery-button').click();
  await expect(page.getByTestId('gallery-search')).toBeFocused();
  await page.keyboard.press('Escape');
  await app.waitForTrace();

  for (const [w, h] of [
    [1280, 720],
    [1920, 1080],
  ] as const) {
    await page.setViewportSize({ width: w, height: h });
    await app.open('?gallery');
    await expect(cards(page).first()).toBeVisible();
    await useTheme(page, 'dark');
    await app.screenshot(`71-gallery-${w}-dark`);
    await useTheme(page, 'light');
    if (w === 1920) await app.screenshot('72-gallery-1920-light');
  }
});

test("editing a scenario's dump makes it your own workspace; the original stays intact", async ({ page, app }) => {
  await app.open('?scenario=pod-to-clusterip&step=11');
  await app.waitForTrace();
  await expect(page.getByTestId('deciding-rule')).toContainText('DNAT');
  await expect(app.field('l4.dport').getByTestId('after')).toHaveText('8080');

  // The rule's source opens the dump; "Edit" turns the viewer into an editor.
  await page.getByTestId('decided-by').getByTestId('source-ref').click();
  const viewer = page.getByTestId('file-viewer');
  await expect(viewer).toBeVisible();
  await viewer.getByTestId('edit-dump').click();
  const editor = page.getByTestId('dump-editor-text');
  await expect(editor).toBeFocused();
  await expect(page.getByTestId('dump-editor-note')).toBeVisible();
  const text = await editor.inputValue();
  expect(text).toContain('--to-destination 10.244.1.');
  await editor.fill(text.replaceAll(':8080', ':9090'));
  await app.screenshot('73-dump-editor-1280');
  await page.getByTestId('dump-editor-apply').click();

  // The trace follows the edit; the header says whose dumps these are.
  await expect(app.field('l4.dport').getByTestId('after')).toHaveText('9090');
  await expect(page.getByTestId('own-copy')).toBeVisible();
  await expect(page.getByTestId('scenario-heading')).toContainText('Your workspace');
  await expect(page).toHaveURL(/[?&]workspace=1(&|$)/);
  await app.screenshot('74-own-copy-1280');

  // The original is one click away, unchanged.
  await page.getByTestId('open-original').click();
  await app.waitForTrace();
  await expect(page).toHaveURL(/[?&]scenario=pod-to-clusterip(&|$)/);
  await expect(page.getByTestId('own-copy')).toBeHidden();
  await page.goto('/?scenario=pod-to-clusterip&step=11');
  await app.waitForTrace();
  await expect(app.field('l4.dport').getByTestId('after')).toHaveText('8080');
});

for (const [lang, heading, beginner, count] of [
  ['ko', '시나리오', '입문', /^시나리오 (\d+)개 중 \1개$/],
  ['zh', '场景', '入门', /^共 (\d+) 个场景，显示 \1 个$/],
] as const) {
  test(`the gallery in ${lang}`, async ({ page, app }) => {
    await app.open(`?gallery&lang=${lang}`);
    await expect(page.getByRole('heading', { level: 2, name: heading })).toBeVisible();
    await expect(page.getByTestId('gallery-count')).toHaveText(count);
    await expect(cards(page).first()).toContainText(beginner);
    await page.getByTestId('filter-level').selectOption('beginner');
    for (const card of await cards(page).all()) await expect(card).toContainText(beginner);
    await page.getByTestId('clear-filters').click();
    await app.screenshot(`75-gallery-${lang}-1280`);
    expect(await page.evaluate(() => (window as unknown as { __hopscopeMissingKeys?: string[] }).__hopscopeMissingKeys ?? [])).toEqual([]);
  });
}
