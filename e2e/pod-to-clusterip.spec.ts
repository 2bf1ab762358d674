/**
 * The pod-to-clusterip scenario end to end: step through the whole trace with the keyboard,
 * check where the packet goes and the DNAT rewrite, and that the URL keeps the step.
 */
import { indexOfSubsequence } from './hopscope-page';
import { expect, test } from './test';
import type { HopRow } from './hopscope-page';

const CLIENT = 'node-1/client';
const BACKEND = /^node-1\/web-[12]$/;

const is = (want: Partial<Record<keyof HopRow, string | RegExp>>) => (row: HopRow) =>
  Object.entries(want).every(([k, v]) => {
    const got = row[k as keyof HopRow] ?? '';
    return typeof v === 'string' ? got === v : v.test(got);
  });

test('steps through the whole trace with the keyboard', async ({ page, app }) => {
  await app.open('?scenario=pod-to-clusterip');
  await app.waitForTrace();
  await expect(page.getByTestId('scenario-heading')).toContainText('ClusterIP');

  const rows = await app.rows();
  const total = rows.length;
  expect(total).toBeGreaterThan(10);
  await app.expectHop(1, total);
  await app.screenshot('01-start-1280');

  // The request's landmarks, in order: out of the client, across the veth and the bridge,
  // kube-proxy's chains in PREROUTING, the bridge keeping the DNATed frame (its new route leads
  // back out of cni0, as the kernel suite shows), FORWARD, POSTROUTING, into a web pod.
  const landmarks = indexOfSubsequence(rows, [
    is({ kind: 'originate', netns: CLIENT }),
    is({ kind: 'egress', netns: CLIENT, iface: 'eth0' }),
    is({ kind: 'veth', netns: 'node-1' }),
    is({ kind: 'bridge', netns: 'node-1' }),
    is({ kind: 'chain', hook: 'PREROUTING', table: 'nat', chain: 'KUBE-SERVICES' }),
    is({ kind: 'chain', hook: 'PREROUTING', table: 'nat', chain: /^KUBE-SVC-/ }),
    is({ kind: 'chain', hook: 'PREROUTING', table: 'nat', chain: /^KUBE-SEP-/ }),
    is({ kind: 'bridge', netns: 'node-1', iface: 'cni0' }),
    is({ kind: 'chain', hook: 'FORWARD', table: 'filter' }),
    is({ kind: 'chain', hook: 'POSTROUTING', table: 'nat' }),
    is({ kind: 'veth', netns: BACKEND, iface: 'eth0' }),
    is({ kind: 'deliver', netns: BACKEND }),
    // The reply comes back the same way and ends in the client.
    is({ kind: 'originate', netns: BACKEND }),
    is({ kind: 'conntrack', hook: 'PREROUTING' }),
    is({ kind: 'veth', netns: CLIENT, iface: 'eth0' }),
  ]);
  expect(landmarks, `hop sequence:\n${rows.map((r) => `${r.kind} ${r.netns} ${r.hook ?? ''} ${r.chain ?? ''}`).join('\n')}`).not.toBeNull();
  expect(rows.at(-1)).toMatchObject({ kind: 'deliver', netns: CLIENT });

  // Walk every hop with → and check the page follows: counter, details, list, token.
  for (let i = 1; i < total; i++) {
    await page.keyboard.press('ArrowRight');
    await app.expectHop(i + 1, total);
    expect(await app.currentHopId()).toBe(rows[i]!.id);
    await expect(page.locator(`[data-testid="event-row"][data-hop-id="${rows[i]!.id}"]`)).toHaveAttribute('aria-current', 'step');
    await expect(page.getByTestId('packet-token')).toHaveAttribute('data-step', String(i));
    await expect(page).toHaveURL(new RegExp(`[?&]step=${i + 1}(&|$)`));
  }
  await page.keyboard.press('ArrowRight');
  await app.expectHop(total, total);
  await expect(page.getByRole('button', { name: 'Step forward' })).toBeDisabled();
  await app.screenshot('04-end-1280');

  // ← steps back, Home goes to the start.
  await page.keyboard.press('ArrowLeft');
  await app.expectHop(total - 1, total);
  await expect(page).toHaveURL(new RegExp(`[?&]step=${total - 1}(&|$)`));
  await page.keyboard.press('Home');
  await app.expectHop(1, total);
  await page.keyboard.press('End');
  await app.expectHop(total, total);

});

test('shows the DNAT rewrite in PREROUTING with the KUBE-SEP rule that made it', async ({ page, app }) => {
  await app.open('?scenario=pod-to-clusterip');
  await app.waitForTrace();
  const rows = await app.rows();

  // The first nat PREROUTING hop whose packet table shows ip.dst rewritten is the DNAT.
  const candidates = rows.map((r, i) => [r, i] as const).filter(([r]) => r.hook === 'PREROUTING' && r.table === 'nat');
  let dnatStep = -1;
  for (const [row, i] of candidates) {
    await page.locator(`[data-testid="event-row"][data-hop-id="${row.id}"]`).click();
    await app.expectHop(i + 1);
    if ((await app.field('ip.dst').getAttribute('data-changed')) !== null) {
      dnatStep = i;
      break;
    }
  }
  expect(dnatStep, 'a PREROUTING nat hop rewrites ip.dst').toBeGreaterThanOrEqual(0);
  // It happens at, or right after, the KUBE-SEP chain that decided it.
  const sep = rows.findIndex((r) => r.chain?.startsWith('KUBE-SEP-'));
  expect(sep).toBeGreaterThanOrEqual(0);
  expect(dnatStep - sep).toBeGreaterThanOrEqual(0);
  expect(dnatStep - sep).toBeLessThanOrEqual(1);

  const dst = app.field('ip.dst');
  await expect(dst).toHaveAttribute('data-changed', 'true');
  await expect(dst.getByTestId('before')).toHaveText('10.96.0.100');
  await expect(dst.getByTestId('after')).toHaveText(/^10\.244\.1\.[56]$/);
  const dport = app.field('l4.dport');
  await expect(dport).toHaveAttribute('data-changed', 'true');
  await expect(dport.getByTestId('before')).toHaveText('80');
  await expect(dport.getByTestId('after')).toHaveText('8080');
  // Unchanged fields are not highlighted.
  await expect(app.field('ip.src')).not.toHaveAttribute('data-changed', /.*/);

  const decided = page.getByTestId('decided-by');
  await expect(decided).toHaveAttribute('data-table', 'nat');
  await expect(decided).toHaveAttribute('data-chain', /^KUBE-SEP-/);
  await expect(page.getByTestId('deciding-rule')).toContainText('DNAT');
  await expect(page.getByTestId('deciding-rule')).toContainText('--to-destination 10.244.1.');
  const source = decided.getByTestId('source-ref');
  await expect(source).toHaveText(/iptables-save\.txt:\d+$/);
  expect(Number(await source.getAttribute('data-line'))).toBeGreaterThan(0);

  // The netfilter strip lights PREROUTING, and the URL carries the step through a reload.
  await expect(page.locator('[data-testid="hook"][data-hook="PREROUTING"]')).toHaveAttribute('data-state', 'current');
  await expect(page).toHaveURL(new RegExp(`[?&]step=${dnatStep + 1}(&|$)`));
  await app.screenshot('02-dnat-1280');
  const hopId = await app.currentHopId();
  await page.reload();
  await app.waitForTrace();
  await app.expectHop(dnatStep + 1);
  expect(await app.currentHopId()).toBe(hopId);
  await expect(app.field('ip.dst')).toHaveAttribute('data-changed', 'true');

  // The same hop on a 1920×1080 wall.
  await page.setViewportSize({ width: 1920, height: 1080 });
  await expect(page.getByTestId('hop-details')).toBeVisible();
  await app.screenshot('05-dnat-1920');
});
