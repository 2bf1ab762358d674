/**
 * The interface in English, Korean and Simplified Chinese: `?lang=` picks the language, the
 * header switch changes it (URL, <html lang>, text, the engine's explanations) and remembers it,
 * and in Korean and Chinese no English is left in any main view.
 */
import type { Page } from '@playwright/test';
import type { HopscopePage } from './hopscope-page';
import { expect, test } from './test';
import { englishLeftovers, englishNeedles } from './untranslated';
import { BROKEN_RULES } from './fixtures/bundle';

async function missingKeys(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __hopscopeMissingKeys?: string[] }).__hopscopeMissingKeys ?? []);
}

/** Each main view in turn; after each, no English left, a screenshot, and no key missing from the catalogs. */
async function walkViews(page: Page, app: HopscopePage, lang: 'ko' | 'zh') {
  const needles = englishNeedles(lang);
  expect(needles.length).toBeGreaterThan(100);
  const check = async (view: string) => {
    expect(await englishLeftovers(page, needles), `English left in the ${view} (${lang})`).toEqual([]);
    expect(await missingKeys(page)).toEqual([]);
    await app.screenshot(`62-${lang}-${view}`);
  };

  await app.open(`?scenario=pod-to-clusterip&lang=${lang}`);
  await app.waitForTrace();
  await expect(page.locator('html')).toHaveAttribute('lang', lang === 'ko' ? 'ko' : 'zh-Hans');
  // The first hop shows the scenario's goals and the key hints.
  await check('topology');

  // The DNAT hop: a rewrite in the packet inspector, the deciding rule, notes.
  const rows = await app.rows();
  const dnat = rows.findIndex((r) => r.kind === 'conntrack' && r.table === 'nat');
  await page.locator(`[data-testid="event-row"][data-hop-id="${rows[dnat]!.id}"]`).click();
  await page.getByTestId('issues-panel').locator('summary').click();
  await check('inspector');

  await page.keyboard.press('n');
  await expect(page.getByTestId('netfilter-map')).toBeVisible();
  await check('netfilter');

  const svc = rows.findIndex((r) => r.chain?.startsWith('KUBE-SVC-'));
  await page.locator(`[data-testid="event-row"][data-hop-id="${rows[svc]!.id}"]`).click();
  await page.keyboard.press('c');
  await page.locator('[data-testid="chain-rule"][data-state="skipped"]').first().getByTestId('why-not').click();
  await expect(page.getByTestId('why-not-answer')).toBeVisible();
  await check('chain');

  // The event list at the summary level, and a route lookup in the details.
  await page.keyboard.press('t');
  await page.keyboard.press('2');
  const route = rows.findIndex((r) => r.kind === 'route');
  await page.locator(`[data-testid="event-row"][data-hop-id="${rows[route]!.id}"]`).click();
  await check('events');

  const sourceRef = page.getByTestId('source-ref').first();
  if (await sourceRef.count()) {
    await sourceRef.click();
    // The viewer's code loads when it is first opened.
    await expect(page.getByTestId('file-viewer')).toBeVisible();
    await check('file-viewer');
    await page.keyboard.press('Escape');
  }

  await page.keyboard.press('?');
  await expect(page.getByTestId('help-overlay')).toBeVisible();
  await check('help');
  await page.keyboard.press('Escape');

  // The scenario as a workspace: dumps, packet builder, settings, diagnostics.
  await page.getByTestId('edit-dumps').click();
  await expect(page.getByTestId('workspace-panel')).toBeVisible();
  await expect(page.getByTestId('diagnostics-section')).toBeVisible();
  await app.waitForTrace();
  await check('workspace');

  // An empty workspace says what to do first.
  await page.getByTestId('new-workspace').click();
  await expect(page.getByTestId('empty-state')).toBeVisible();
  await check('empty');
}

for (const lang of ['ko', 'zh'] as const) {
  test(`no English left in the main views in ${lang}`, async ({ page, app }) => {
    await walkViews(page, app, lang);
  });
}

test('?lang= picks the language; the header switch changes URL, page and saved choice', async ({ page, app }) => {
  await app.open('?scenario=pod-to-clusterip&lang=ko');
  await app.waitForTrace();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
  await expect(page.getByTestId('language-switch')).toHaveValue('ko');
  await expect(page.getByTestId('edit-dumps')).toHaveText('덤프 편집');
  await expect(app.counter()).toHaveText(/^홉 1 \//);
  const koMessage = await page.getByTestId('hop-message').textContent();
  await app.screenshot('60-lang-ko');

  await page.getByTestId('language-switch').selectOption('zh');
  await expect(page).toHaveURL(/[?&]lang=zh(&|$)/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-Hans');
  await expect(page.getByTestId('edit-dumps')).toHaveText('编辑 dump');
  await expect(app.counter()).toHaveText(/^第 1 跳 \//);
  // The engine's explanation follows the switch too.
  await expect(page.getByTestId('hop-message')).not.toHaveText(koMessage ?? '');
  await expect(page.getByTestId('hop-message')).toContainText(/[\u4e00-\u9fff]/);
  await app.screenshot('61-lang-zh');

  // The choice is saved: a URL without `lang` opens in it.
  await app.open('?scenario=pod-to-clusterip');
  await app.waitForTrace();
  await expect(page.getByTestId('language-switch')).toHaveValue('zh');

  await page.getByTestId('language-switch').selectOption('en');
  await expect(page).toHaveURL(/[?&]lang=en(&|$)/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByTestId('edit-dumps')).toHaveText('Edit dumps');
  await expect(app.counter()).toHaveText(/^Hop 1 \//);
  // The leftover check can fail: on the English page it finds the English it looks for.
  expect((await englishLeftovers(page, englishNeedles('ko'))).length).toBeGreaterThan(20);
  // Stepping rewrites the URL; the language stays in it.
  await page.keyboard.press('ArrowRight');
  await expect(page).toHaveURL(/step=2/);
  await expect(page).toHaveURL(/[?&]lang=en(&|$)/);
  expect(await missingKeys(page)).toEqual([]);
});

test('the browser language is used when neither the URL nor a saved choice says otherwise', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  await page.goto('/?scenario=pod-to-clusterip');
  await expect(page.getByTestId('hop-details')).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-Hans');
  await expect(page.getByTestId('edit-dumps')).toHaveText('编辑 dump');
  await context.close();
});

test('a broken dump\'s diagnostics and its detected format are explained in Korean and Chinese', async ({ page, app }) => {
  const expected = {
    ko: { diagnostic: '알 수 없는 매치 모듈 "frobnicate"입니다', reason: '*table 줄과 COMMIT 줄이 있음' },
    zh: { diagnostic: '未知的匹配模块 "frobnicate"', reason: '含有 *table 行和 COMMIT 行' },
  } as const;
  for (const lang of ['ko', 'zh'] as const) {
    await app.open(`?workspace=1&lang=${lang}`);
    await page.getByTestId('paste-box').fill(BROKEN_RULES);
    await page.getByTestId('paste-name').fill('broken-rules.txt');
    await page.getByTestId('paste-add').click();
    const row = page.locator('[data-testid="input-row"][data-name="broken-rules.txt"]');
    await expect(row).toHaveAttribute('data-format', 'iptables-save');
    await expect(row).toContainText(expected[lang].reason);
    const diagnostic = page.locator('[data-testid="diagnostic"][data-file="broken-rules.txt"][data-line="4"]');
    await expect(diagnostic.getByTestId('diagnostic-message')).toContainText(expected[lang].diagnostic);
    // The English the CLI prints is not what the page shows.
    await expect(page.getByTestId('diagnostics')).not.toContainText('Unknown match module');
    await expect(page.getByTestId('diagnostics')).not.toContainText('outside of a table');
    await app.screenshot(`63-${lang}-diagnostics`);
  }
});

test('the scenario\'s narration of a hop leads the hop details, in the chosen language, outside the guided mode too', async ({ page, app }) => {
  await app.open('?scenario=pod-to-clusterip&lang=ko');
  await app.waitForTrace();
  const rows = await app.rows();
  const svc = rows.findIndex((r) => r.chain?.startsWith('KUBE-SVC-'));
  expect(svc).toBeGreaterThan(0);
  await expect(page.getByTestId('hop-narration')).toHaveCount(0);
  await page.locator(`[data-testid="event-row"][data-hop-id="${rows[svc]!.id}"]`).click();
  await expect(page.getByTestId('hop-narration')).toContainText('엔드포인트가 둘입니다');
  // The engine's own sentence stays, under it.
  await expect(page.getByTestId('hop-message')).toContainText('KUBE-SVC-');
  await app.screenshot('64-ko-narration');
  await page.getByTestId('language-switch').selectOption('zh');
  await expect(page.getByTestId('hop-narration')).toContainText('两个端点');
});
