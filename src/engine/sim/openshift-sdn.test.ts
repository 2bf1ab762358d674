/**
 * OpenShift SDN (scenarios/openshift-sdn): br0's flows decide, so editing a flow in the dump
 * changes the trace - the tunnel destination, the VNID, or whether the packet survives.
 */
import { describe, expect, it } from 'vitest';
import { buildModel } from '../model/build';
import { readScenario } from '../testing/scenario-files';
import type { HopNode } from '../trace/types';
import { parsePacketSpec } from './packet-spec';
import { simulate } from './simulate';

function trace(packet: string, edit?: (files: Record<string, string>) => void) {
  const scenario = readScenario('openshift-sdn', edit);
  const spec = parsePacketSpec(packet).value!;
  return simulate(buildModel(scenario.inputs), { from: '10.129.0.5', packet: spec });
}
const hops = (t: ReturnType<typeof trace>, leg = 'request'): HopNode[] => t.legs.find((l) => l.leg === leg)!.hops;
const encap = (t: ReturnType<typeof trace>) => hops(t).find((h) => h.hop === 'encap')!;

describe('OpenShift SDN through br0 flows', () => {
  it('takes the VXLAN destination and the VNID from table 90, not from the port', () => {
    const t = trace('tcp 10.129.0.5:40001 > 10.128.2.151:8080');
    const e = encap(t);
    expect(e.after.ip.dst).toBe('10.0.0.5');
    expect(e.after.tunnel).toMatchObject({ kind: 'vxlan', vni: 0xb3c1a1, overhead: 50 });
    const br0 = hops(t).find((h) => h.message.key === 'hop.ovs.flows')!;
    expect(br0.decidedBy?.text).toContain('set_field:10.0.0.5->tun_dst');
    expect(br0.children.filter((c) => c.kind === 'rule').map((c) => (c.kind === 'rule' ? c.rule.chain : ''))).toEqual(['table 0', 'table 20', 'table 21', 'table 30', 'table 90']);
    expect(t.legs.map((l) => l.verdict)).toEqual(['delivered', 'delivered']);
  });

  it('follows an edited flow: another tun_dst, and a pod port that drops', () => {
    const moved = trace('tcp 10.129.0.5:40001 > 10.128.2.151:8080', (f) => {
      f['worker-1.bundle.txt'] = f['worker-1.bundle.txt']!.replace('nw_dst=10.128.2.0/23 actions=move:NXM_NX_REG0[]->NXM_NX_TUN_ID[0..31],set_field:10.0.0.5->tun_dst', 'nw_dst=10.128.2.0/23 actions=move:NXM_NX_REG0[]->NXM_NX_TUN_ID[0..31],set_field:10.0.0.77->tun_dst');
    });
    expect(encap(moved).after.ip.dst).toBe('10.0.0.77');

    const dropped = trace('tcp 10.129.0.5:40001 > 10.128.2.151:8080', (f) => {
      f['worker-1.bundle.txt'] = f['worker-1.bundle.txt']!.replace('priority=100,ip,in_port=3,nw_src=10.129.0.5 actions=load:0xb3c1a1', 'priority=100,ip,in_port=3,nw_src=10.129.0.99 actions=load:0xb3c1a1');
    });
    expect(dropped.legs[0]!.verdict).toBe('dropped');
    const last = hops(dropped).at(-1)!;
    expect(last.hop).toBe('drop');
    expect(last.decidedBy?.text).toBe('table=20,priority=0 actions=drop');
  });

  it('sends Service traffic out of tun0 into the host, where kube-proxy DNATs and OPENSHIFT-MASQUERADE rewrites the source', () => {
    const t = trace('tcp 10.129.0.5:40000 > 172.30.12.208:8080');
    const first = hops(t).find((h) => h.message.key === 'hop.ovs.flows')!;
    expect(first.message.params).toMatchObject({ out: 'tun0' });
    const e = encap(t);
    expect(e.before.ip).toMatchObject({ src: '10.129.0.1', dst: '10.128.2.151' });
    expect(e.after.tunnel?.vni).toBe(0);
  });
});
