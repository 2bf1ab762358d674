/**
 * Every scenario in scenarios/ plays in the app: its dumps load, its first packet is traced, the
 * event list shows the hops, and the page raised no error. The OVS scenarios also show what
 * Open vSwitch did: br0's flow tables (OpenShift SDN) and the geneve tunnel (OVN).
 */
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { indexOfSubsequence } from './hopscope-page';
import { expect, test } from './test';

const SCENARIOS = fileURLToPath(new URL('../scenarios/', import.meta.url));
const ids = readdirSync(SCENARIOS).filter((id) => existsSync(join(SCENARIOS, id, 'scenario.yaml'))).sort();

test('every scenario loads and traces its first packet', async ({ page, app }) => {
  test.setTimeout(30_000 + ids.length * 15_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  expect(ids.length).toBeGreaterThanOrEqual(9);
  for (const id of ids) {
    await app.open(`?scenario=${id}`);
    await app.waitForTrace();
    const rows = await app.rows();
    expect(rows.length, id).toBeGreaterThan(3);
    // A local socket sends it, or (a packet with `in:` in scenario.yaml) it arrives from outside.
    expect(['originate', 'ingress'], id).toContain(rows[0]!.kind);
  }
  expect(errors).toEqual([]);
});

test('OpenShift SDN: br0 decides by its flow tables, then VXLAN to the other worker', async ({ page, app }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await app.open('?scenario=openshift-sdn');
  await app.waitForTrace();
  const rows = await app.rows();
  const landmarks = indexOfSubsequence(rows, [
    (r) => r.kind === 'originate' && r.netns === 'worker-1/almighty/client',
    (r) => r.kind === 'bridge' && r.iface === 'vethc1a2b3c4',
    (r) => r.kind === 'chain' && r.chain === 'KUBE-SERVICES',
    (r) => r.kind === 'chain' && r.chain === 'OPENSHIFT-MASQUERADE',
    (r) => r.kind === 'bridge' && r.iface === 'tun0',
    (r) => r.kind === 'encap',
    (r) => r.kind === 'decap' && r.netns === 'worker-2' && r.iface === 'vxlan0',
    (r) => r.kind === 'deliver' && r.netns === 'worker-2/almighty/almighty5-web',
  ]);
  expect(landmarks, JSON.stringify(rows.map((r) => `${r.kind}@${r.netns}:${r.iface ?? ''}`))).not.toBeNull();
  // Step onto br0's second pass (from tun0): the deciding flow is table 90's set_field to tun_dst.
  const tun0 = landmarks![4]! + 1;
  await app.open(`?scenario=openshift-sdn&step=${tun0}`);
  await app.waitForTrace();
  const details = page.getByTestId('hop-details');
  await expect(details).toContainText('table 90');
  await expect(details).toContainText('set_field:10.0.0.5->tun_dst');
  await expect(page.locator('[data-iface-id="worker-1:ovs:br0"]')).toBeVisible();
  await expect(page.locator('[data-link-kind="tunnel"]')).toHaveCount(1);
  await app.screenshot('scenario-openshift-sdn-1920');
});

test('OVN-Kubernetes: geneve from br-int, out through br-ex, with the ports assumption shown', async ({ page, app }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await app.open('?scenario=ovn-geneve');
  await app.waitForTrace();
  const rows = await app.rows();
  const encap = rows.findIndex((r) => r.kind === 'encap');
  expect(encap).toBeGreaterThan(0);
  await app.open(`?scenario=ovn-geneve&step=${encap + 1}`);
  await app.waitForTrace();
  await expect(page.getByTestId('hop-details')).toContainText('GENEVE');
  await expect(page.getByTestId('hop-details')).toContainText('50.50.51.21');
  await expect(page.locator('[data-link-kind="patch"]')).toHaveCount(2);
  await app.screenshot('scenario-ovn-geneve-1920');
});
