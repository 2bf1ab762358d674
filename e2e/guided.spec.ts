/**
 * A guided run as a learner lives it: from the gallery into the guided mode, narration on the
 * hops, the player stopping at each question with what comes next hidden, one answer right and
 * one wrong (each checked against the trace and explained), and the score at the end.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './test';

async function useTheme(page: Page, theme: 'light' | 'dark') {
  const html = page.locator('html');
  if ((await html.getAttribute('class'))?.includes('dark') !== (theme === 'dark')) await page.getByTestId('theme-toggle').click();
  if (theme === 'dark') await expect(html).toHaveClass(/dark/);
  else await expect(html).not.toHaveClass(/dark/);
}

test('a guided run: narration, a right and a wrong answer, the score', async ({ page, app }) => {
  await app.open('?gallery');
  const card = page.locator('[data-testid="scenario-card"][data-id="pod-to-clusterip"]');
  await expect(card.getByTestId('guided-scenario')).toHaveText(/2 questions/);
  await card.getByTestId('guided-scenario').click();

  const panel = page.getByTestId('guided-panel');
  await expect(panel).toBeVisible();
  await expect(page).toHaveURL(/[?&]guided=1(&|$)/);
  await app.expectHop(1);
  await expect(page.getByTestId('guided-toggle')).toHaveAttribute('aria-pressed', 'true');

  // Stepping on stops at the first question; the event list and details wait for the answer.
  await page.locator('body').press('End');
  const question = page.getByTestId('guided-question');
  await expect(question).toHaveAttribute('data-state', 'open');
  await expect(question).toHaveAttribute('data-question-id', 'what-changes');
  await expect(page.getByTestId('guided-veil').first()).toBeVisible();
  await expect(page.getByTestId('hop-details')).toBeHidden();
  await expect(page.getByTestId('check-answer')).toBeDisabled();
  const stoppedAt = await app.counter().textContent();
  await page.locator('body').press('End');
  await expect(app.counter()).toHaveText(stoppedAt!);
  await app.screenshot('80-guided-question-1280');

  // Right: the destination address and port change (DNAT), as the trace says.
  await question.getByRole('radio', { name: 'destination address and port' }).check();
  await page.getByTestId('check-answer').click();
  await expect(question).toHaveAttribute('data-state', 'right');
  await expect(page.getByTestId('guided-result')).toContainText('Right!');
  await expect(page.getByTestId('guided-explanation')).toContainText('8080');
  await expect(page.getByTestId('guided-continue')).toBeFocused();
  await expect(page.getByTestId('hop-details')).toBeVisible();
  await expect(page.getByTestId('guided-progress')).toHaveText('1 of 2 answered · 1 right');

  // Continue steps on; the author's narration speaks at the hop it is anchored to (the Service's chain).
  await page.getByTestId('guided-continue').click();
  await expect(page.getByTestId('guided-narration')).toBeHidden();
  await page.locator('body').press('ArrowRight');
  await expect(page.getByTestId('guided-narration')).toContainText('Two endpoints');
  await expect(page.getByTestId('decided-by')).toHaveAttribute('data-chain', /^KUBE-SVC-/);
  await app.screenshot('80b-guided-narration-1280');

  // On to the next question; a wrong pick shows the right answer from the trace and explains.
  await page.locator('body').press('End');
  await expect(question).toHaveAttribute('data-question-id', 'which-pod');
  await question.getByRole('radio', { name: 'back to the client' }).check();
  await page.getByTestId('check-answer').click();
  await expect(question).toHaveAttribute('data-state', 'wrong');
  await expect(page.getByTestId('guided-result')).toContainText(/The right answer: web-[12]/);
  await expect(question.locator('[data-testid="guided-choice"][data-correct="true"]')).toContainText(/web-[12]/);
  await app.screenshot('81-guided-wrong-1280');

  // "Show it in the trace" jumps to the hop that answers it: the veth into the chosen pod.
  const correct = (await question.locator('[data-testid="guided-choice"][data-correct="true"]').textContent())!;
  const pod = /web-[12]/.exec(correct)![0];
  await page.getByTestId('guided-show-answer').click();
  await expect(question).toHaveAttribute('data-state', 'wrong');
  await expect(page.locator('[data-testid="event-row"][aria-current="step"]')).toHaveAttribute('data-netns', new RegExp(pod));

  // The end: the score, and a way to try again.
  await page.locator('body').press('End');
  const score = page.getByTestId('guided-score');
  await expect(score).toBeVisible();
  await expect(score).toHaveAttribute('data-right', '1');
  await expect(page.getByTestId('guided-score-value')).toHaveText('1 / 2');
  await app.screenshot('82-guided-score-1280-light');
  await page.setViewportSize({ width: 1920, height: 1080 });
  await useTheme(page, 'dark');
  await app.screenshot('83-guided-score-1920-dark');
  await page.getByTestId('guided-restart').click();
  await app.expectHop(1);
  await expect(page.getByTestId('guided-progress')).toHaveText('0 of 2 answered · 0 right');

  // Leaving guided mode gives the whole trace back.
  await page.getByTestId('guided-exit').click();
  await expect(panel).toBeHidden();
  await expect(page).not.toHaveURL(/guided=1/);
});

test('a trainer link opens a scenario guided, in Korean, at 1920 dark', async ({ page, app }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await app.open('?scenario=pod-to-clusterip&guided=1&lang=ko');
  await expect(page.getByTestId('guided-panel')).toBeVisible();
  await useTheme(page, 'dark');
  await page.locator('body').press('End');
  await expect(page.getByTestId('guided-question')).toContainText('무엇이');
  await app.screenshot('84-guided-ko-1920-dark');
  await useTheme(page, 'light');
  await page.setViewportSize({ width: 1280, height: 720 });
  await app.open('?scenario=pod-to-clusterip&guided=1&lang=zh');
  await expect(page.getByTestId('guided-panel')).toBeVisible();
  await page.locator('body').press('End');
  await expect(page.getByTestId('guided-question')).toContainText('哪些');
  await app.screenshot('85-guided-zh-1280');
  expect(await page.evaluate(() => (window as unknown as { __hopscopeMissingKeys?: string[] }).__hopscopeMissingKeys ?? [])).toEqual([]);
});
