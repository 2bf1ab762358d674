/**
 * The interface in English, Korean and Simplified Chinese: `?lang=` picks the language, the
 * header switch changes it (URL, <html lang>, text, the engine's explanations) and remembers it.
 */
import { expect, test } from './test';

test('?lang= picks the language; the header switch changes URL, page and saved choice', async ({ page, app }) => {
  await app.open('?scenario=pod-to-clusterip&lang=ko');
  await app.waitForTrace();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
  await expect(page.getByTestId('language-switch')).toHaveValue('ko');
  await expect(page.getByTestId('edit-dumps')).toHaveText('덤프 편집');
  await app.screenshot('60-lang-ko');

  await page.getByTestId('language-switch').selectOption('zh');
  await expect(page).toHaveURL(/[?&]lang=zh(&|$)/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-Hans');
  await expect(page.getByTestId('edit-dumps')).toHaveText('编辑 dump');
  await app.screenshot('61-lang-zh');

  // The choice is saved: a URL without `lang` opens in it.
  await app.open('?scenario=pod-to-clusterip');
  await app.waitForTrace();
  await expect(page.getByTestId('language-switch')).toHaveValue('zh');

  await page.getByTestId('language-switch').selectOption('en');
  await expect(page).toHaveURL(/[?&]lang=en(&|$)/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByTestId('edit-dumps')).toHaveText('Edit dumps');
  expect(await page.evaluate(() => (window as unknown as { __hopscopeMissingKeys?: string[] }).__hopscopeMissingKeys ?? [])).toEqual([]);
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
