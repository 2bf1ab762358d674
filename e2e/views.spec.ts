/**
 * Every view at a projector's 1280×720 and a monitor's 1920×1080, light and dark, saved for a
 * person to look at; plus the phone's read-only layout and the netfilter map's states.
 */
import { expect, test } from './test';

const SIZES = [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
];

for (const scheme of ['light', 'dark'] as const) {
  test(`every view at 1280 and 1920, ${scheme}`, async ({ page, app }) => {
    // The first theme follows the system's preference.
    await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
    await app.open('?scenario=pod-to-clusterip');
    await app.waitForTrace();
    await expect(page.locator('html')).toHaveClass(scheme === 'dark' ? /dark/ : /^(?!.*dark)/);
    const rows = await app.rows();
    const dnat = rows.findIndex((r) => r.kind === 'conntrack' && r.table === 'nat');
    const svc = rows.findIndex((r) => r.chain?.startsWith('KUBE-SVC-'));
    for (const size of SIZES) {
      await page.setViewportSize(size);
      const tag = `${size.width}-${scheme}`;
      await page.locator(`[data-testid="event-row"][data-hop-id="${rows[dnat]!.id}"]`).click();
      await page.keyboard.press('t');
      await expect(page.getByTestId('topology')).toBeVisible();
      await app.screenshot(`20-topology-${tag}`);
      await page.keyboard.press('n');
      await expect(page.getByTestId('netfilter-map')).toHaveAttribute('data-current', 'PREROUTING:nat');
      await expect(page.locator('[data-testid="map-cell"][data-cell="PREROUTING:conntrack"]')).toHaveAttribute('data-state', 'visited');
      await app.screenshot(`21-netfilter-${tag}`);
      await page.locator(`[data-testid="event-row"][data-hop-id="${rows[svc]!.id}"]`).click();
      await page.keyboard.press('c');
      await page.locator('[data-testid="chain-rule"][data-state="skipped"]').first().getByTestId('why-not').click();
      await app.screenshot(`22-chain-${tag}`);
      await page.keyboard.press('t');
      await page.getByRole('radio', { name: 'Summary' }).click();
      await app.screenshot(`23-summary-${tag}`);
      await page.getByRole('radio', { name: 'Detailed' }).click();
      // The inspector on a tunnelled packet, and the multi-node topology.
    }
    await page.setViewportSize(SIZES[0]!);
    await app.open('?scenario=pod-to-pod-vxlan');
    await app.waitForTrace();
    const vx = await app.rows();
    await page.locator(`[data-testid="event-row"][data-hop-id="${vx[vx.findIndex((r) => r.kind === 'wire')]!.id}"]`).click();
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await app.screenshot(`24-vxlan-${size.width}-${scheme}`);
    }
    // The theme toggle flips it.
    await page.getByTestId('theme-toggle').click();
    await expect(page.locator('html')).toHaveClass(scheme === 'dark' ? /^(?!.*dark)/ : /dark/);
  });
}

test('the workspace panel at 1920, dark', async ({ page, app }) => {
  await page.emulateMedia({ colorScheme: 'dark', reducedMotion: 'reduce' });
  await page.setViewportSize({ width: 1920, height: 1080 });
  await app.open('?scenario=pod-to-clusterip&step=11');
  await app.waitForTrace();
  await page.getByTestId('edit-dumps').click();
  await expect(page.getByTestId('workspace-panel')).toBeVisible();
  await expect(page.getByTestId('input-row')).toHaveCount(12);
  await app.expectHop(11);
  await page.getByTestId('source-ref').first().click();
  await expect(page.getByTestId('file-viewer')).toHaveAttribute('data-line', /\d+/);
  await app.screenshot('25-workspace-1920-dark');
  await page.keyboard.press('Escape');
  await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });
  await page.getByTestId('theme-toggle').click();
  await page.setViewportSize({ width: 1280, height: 720 });
  await app.screenshot('26-workspace-1280-light');
});

test('a phone gets a read-only layout that scrolls', async ({ page, app }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await app.open('?scenario=pod-to-clusterip&step=11');
  await app.waitForTrace();
  await expect(page.getByTestId('edit-dumps')).toBeHidden();
  await expect(page.getByTestId('topology')).toBeVisible();
  await app.screenshot('27-phone');
  await page.getByTestId('hop-details').scrollIntoViewIfNeeded();
  await app.screenshot('28-phone-details');
});
