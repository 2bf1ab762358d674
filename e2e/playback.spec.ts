/** Behaviour around the trace: play/pause, jumping from the list, branch choices, bad URLs. */
import { expect, test } from './test';

test('Space plays and pauses; the list jumps; the toolbar is labelled', async ({ page, app }) => {
  await app.open('?scenario=pod-to-clusterip');
  await app.waitForTrace();

  for (const name of ['Back to start', 'Step back', 'Play', 'Step forward', 'Go to end']) {
    await expect(page.getByRole('button', { name, exact: true })).toBeVisible();
  }
  await page.keyboard.press('Space');
  await expect(page.getByRole('button', { name: 'Pause', exact: true })).toBeVisible();
  await app.expectHop(2);
  await app.expectHop(3);
  await page.keyboard.press('Space');
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
  const paused = await app.counter().innerText();
  await page.waitForTimeout(1600);
  await expect(app.counter()).toHaveText(paused);

  // A click on a row jumps there; the token and the details follow.
  const rows = await app.rows();
  const target = rows.findIndex((r) => r.hook === 'FORWARD');
  await page.locator(`[data-testid="event-row"][data-hop-id="${rows[target]!.id}"]`).click();
  await app.expectHop(target + 1);
  await expect(page.getByTestId('packet-token')).toHaveAttribute('data-step', String(target));
  await expect(page.locator('[data-testid="hook"][data-hook="FORWARD"]')).toHaveAttribute('data-state', 'current');
  await expect(page.locator('[data-testid="hook"][data-hook="PREROUTING"]')).toHaveAttribute('data-state', 'visited');
  // Space on a focused button still means play/pause, not "press the button".
  await page.getByRole('button', { name: 'Step back' }).focus();
  await page.keyboard.press('Space');
  await expect(page.getByRole('button', { name: 'Pause', exact: true })).toBeVisible();
  await page.keyboard.press('Space');
  await app.screenshot('03-forward-1280');

  // G focuses "go to hop"; a number and Enter jump there; arrows typed there stay in the field.
  await page.getByTestId('event-list').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('g');
  await expect(page.getByTestId('go-to-hop-input')).toBeFocused();
  await page.keyboard.type('4');
  await page.keyboard.press('Enter');
  await app.expectHop(4);
  await page.getByTestId('go-to-hop-input').fill('99999');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('go-to-hop-input')).toHaveAttribute('aria-invalid', 'true');
  await app.expectHop(4);
});

test('picking the other endpoint re-runs the trace down that branch', async ({ page, app }) => {
  await app.open('?scenario=pod-to-clusterip');
  await app.waitForTrace();
  const before = await app.rows();
  const firstDeliver = before.find((r) => r.kind === 'deliver')!;

  const svc = before.findIndex((r) => r.chain?.startsWith('KUBE-SVC-'));
  await page.locator(`[data-testid="event-row"][data-hop-id="${before[svc]!.id}"]`).click();
  const branch = page.getByTestId('branch');
  await expect(branch).toBeVisible();
  const other = branch.getByRole('button', { pressed: false }).first();
  const label = (await other.innerText()).match(/10\.244\.\d+\.\d+/)![0];
  await other.click();
  await expect(branch.getByRole('button', { pressed: true })).toContainText(label);

  // The request now ends in the other pod, and the DNAT names its address.
  await expect
    .poll(async () => (await app.rows()).find((r) => r.kind === 'deliver')?.netns)
    .not.toBe(firstDeliver.netns);
  const after = await app.rows();
  const dnat = after.findIndex((r, i) => i > svc && r.chain?.startsWith('KUBE-SEP-'));
  await page.locator(`[data-testid="event-row"][data-hop-id="${after[dnat]!.id}"]`).click();
  await expect(page.getByTestId('deciding-rule')).toContainText(`--to-destination ${label}`);
});

test('an unknown scenario shows a readable error, not a blank page', async ({ page, app }) => {
  await app.open('?scenario=no-such-scenario');
  const error = page.getByTestId('load-error');
  await expect(error).toBeVisible();
  await expect(error).toContainText('no-such-scenario');
  await expect(error.getByRole('link', { name: 'pod-to-clusterip' })).toBeVisible();
  await app.screenshot('06-error-1280');
  await error.getByRole('link', { name: 'pod-to-clusterip' }).click();
  await app.waitForTrace();
});

test('the topology pans with the mouse and fits back with the button', async ({ page, app }) => {
  await app.open('?scenario=pod-to-clusterip');
  await app.waitForTrace();
  const layer = page.getByTestId('zoom-layer');
  const fitted = await layer.getAttribute('transform');
  const box = (await page.getByTestId('topology').boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 - 120, box.y + box.height / 2 + 40, { steps: 5 });
  await page.mouse.up();
  await expect(layer).not.toHaveAttribute('transform', fitted!);
  await page.getByRole('button', { name: 'Fit topology to view' }).click();
  await expect(layer).toHaveAttribute('transform', fitted!);
  await page.getByRole('button', { name: 'Zoom in' }).click();
  await expect(layer).not.toHaveAttribute('transform', fitted!);
});
