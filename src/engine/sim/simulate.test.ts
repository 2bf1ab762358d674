/**
 * The simulator on the first scenario's real dumps (taken from a kernel lab, see
 * scripts/lab/pod-to-clusterip.kernel.md): the rules it reports as matched are the ones the
 * kernel's nft trace showed, and editing a dump changes the trace.
 */
import { describe, expect, it } from 'vitest';
import { buildModel } from '../model/build';
import { readScenario } from '../testing/scenario-files';
import { traceHops } from '../trace/minimal';
import type { HopNode, RuleNode, Trace } from '../trace/types';
import { parsePacketSpec } from './packet-spec';
import { simulate, type SimulationRequest } from './simulate';

const SAVE = 'node-1/iptables-save.txt';

function run(edit?: (files: Record<string, string>) => void, extra: Partial<SimulationRequest> = {}): Trace {
  const scenario = readScenario('pod-to-clusterip', edit);
  const model = buildModel(scenario.inputs);
  expect(model.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const packet = parsePacketSpec(scenario.packets[0]!.packet).value!;
  return simulate(model, { from: scenario.packets[0]!.from, packet, ...extra });
}

function matchedLines(trace: Trace, leg = 0): string[] {
  return trace.legs[leg]!.hops.flatMap((h) =>
    h.children.filter((c): c is RuleNode => c.kind === 'rule' && c.matched).map((c) => `${c.rule.chain}:${c.rule.span.line}`),
  );
}

function editSave(files: Record<string, string>, change: (text: string) => string): void {
  files[SAVE] = change(files[SAVE]!);
}

describe('pod → ClusterIP on one node', () => {
  it('matches the rules the kernel matched, in order, for the first endpoint', () => {
    const trace = run();
    expect(trace.legs[0]!.verdict).toBe('delivered');
    // From the nft trace of the real kernel (scripts/lab/pod-to-clusterip.kernel.md, web-1 case).
    expect(matchedLines(trace)).toEqual([
      'PREROUTING:75', 'KUBE-SERVICES:110', 'KUBE-SVC-CDGGSHYLG3RE2FKL:117', 'KUBE-SEP-AFGSLHOD2HFNCBX4:97',
      'FORWARD:31', 'FORWARD:32', 'FORWARD:33', 'FORWARD:34', 'FORWARD:35', 'FLANNEL-FWD:39',
      'POSTROUTING:77', 'KUBE-POSTROUTING:89', 'POSTROUTING:78', 'FLANNEL-POSTRTG:80',
    ]);
    // The reply (SYN-ACK), bridged pod to pod: KUBE-FORWARD's conntrack rule accepts it.
    expect(matchedLines(trace, 1)).toEqual(['FORWARD:32', 'KUBE-FORWARD:44']);
  });

  it('walks the hops the kernel takes: pod, veth, bridge, PREROUTING, bridged DNAT, FORWARD, POSTROUTING, bridge, veth, pod', () => {
    const hops = trace0();
    const kinds = hops.map((h) => h.hop);
    expect(kinds.slice(0, 6)).toEqual(['originate', 'route', 'egress', 'veth', 'bridge', 'conntrack']);
    expect(kinds.slice(-5)).toEqual(['conntrack', 'bridge', 'veth', 'route', 'deliver']);
    // The kernel keeps the frame bridged after the DNAT (its new route leads back out of cni0):
    // no route hop on the node, and the TTL is not decremented (kernel suite: TTL 64 at the pod).
    expect(hops.filter((h) => h.place.netns === 'node-1' && h.hop === 'route')).toEqual([]);
    expect(hops.at(-1)!.after.ip.ttl).toBe(64);
    expect(hops.find((h) => h.message.key === 'hop.bridge.dnatBridged')!.after.eth!.dst).toBe('8e:04:5a:c7:f1:2d');
    expect(hops.find((h) => h.hop === 'veth')!.place).toMatchObject({ netns: 'node-1', iface: 'veth3a9f1c2e' });
    expect(hops[hops.length - 1]!.place.netns).toBe('node-1/web-1');
  });

  it('rewrites the destination by DNAT, and conntrack undoes it on the reply', () => {
    const trace = run();
    const dnat = traceHops(trace).find((h) => h.before.ip.dst !== h.after.ip.dst)!;
    expect(dnat.place).toMatchObject({ hook: 'PREROUTING', table: 'nat' });
    expect(dnat.decidedBy!.span).toMatchObject({ line: 97 });
    expect([dnat.after.ip.dst, dnat.after.l4!.dport]).toEqual(['10.244.1.5', 8080]);
    const reply = trace.legs[1]!;
    const last = reply.hops[reply.hops.length - 1]!;
    expect([last.after.ip.src, last.after.l4!.sport, last.place.netns]).toEqual(['10.96.0.100', 80, 'node-1/client']);
    const undo = reply.hops.find((h) => h.before.ip.src !== h.after.ip.src)!;
    expect(undo.place.hook).toBe('POSTROUTING');
  });

  it('offers both endpoints as branches with probability 1/2 each, and follows the one chosen', () => {
    const trace = run();
    const branch = trace.branches[0]!;
    expect(branch.options.map((o) => [o.label, o.probability])).toEqual([['10.244.1.5:8080', 0.5], ['10.244.1.6:8080', 0.5]]);
    expect(branch.defaulted).toBe(true);
    const other = run(undefined, { choices: { [branch.key]: branch.options[1]!.value } });
    expect(other.branches[0]!.chosen).toBe(branch.options[1]!.value);
    expect(matchedLines(other).slice(2, 4)).toEqual(['KUBE-SVC-CDGGSHYLG3RE2FKL:118', 'KUBE-SEP-F7BHZ7WL3PFYMSRY:99']);
    const hops = traceHops(other);
    expect(hops.filter((h) => h.hop === 'deliver')[0]!.place.netns).toBe('node-1/web-2');
  });

  it('follows an edited DNAT target', () => {
    const trace = run((f) => editSave(f, (t) => t.replace('--to-destination 10.244.1.5:8080', '--to-destination 10.244.1.6:9090')));
    const dnat = traceHops(trace).find((h) => h.before.ip.dst !== h.after.ip.dst)!;
    expect([dnat.after.ip.dst, dnat.after.l4!.dport]).toEqual(['10.244.1.6', 9090]);
    expect(traceHops(trace).find((h) => h.hop === 'deliver')!.place.netns).toBe('node-1/web-2');
  });

  it('stops at an inserted DROP rule and names it', () => {
    const trace = run((f) => editSave(f, (t) => t.replace('-A KUBE-FORWARD -m conntrack --ctstate INVALID -j DROP', '-A KUBE-FORWARD -d 10.244.1.5/32 -p tcp -j DROP\n-A KUBE-FORWARD -m conntrack --ctstate INVALID -j DROP')));
    expect(trace.legs).toHaveLength(1);
    expect(trace.legs[0]!.verdict).toBe('dropped');
    const drop = traceHops(trace).find((h) => h.hop === 'drop')!;
    expect(drop.decidedBy).toMatchObject({ chain: 'KUBE-FORWARD', span: { line: 42 } });
    expect(drop.decidedBy!.text).toContain('-j DROP');
  });

  it('sends a later packet through conntrack: ESTABLISHED, DNAT reapplied without the nat table', () => {
    const trace = run(undefined, { later: true });
    expect(trace.legs.map((l) => [l.leg, l.verdict])).toEqual([['request', 'delivered'], ['reply', 'delivered'], ['later', 'delivered']]);
    const later = trace.legs[2]!;
    expect(later.hops.some((h) => h.place.table === 'nat' && h.hop === 'chain')).toBe(false);
    const rewrite = later.hops.find((h) => h.before.ip.dst !== h.after.ip.dst)!;
    expect([rewrite.hop, rewrite.place.hook, rewrite.after.ip.dst]).toEqual(['conntrack', 'PREROUTING', '10.244.1.5']);
    expect(matchedLines(trace, 2)).toEqual(['FORWARD:32', 'KUBE-FORWARD:44']);
    expect(later.hops.find((h) => h.hop === 'conntrack')!.after.meta.ctstate).toBe('ESTABLISHED');
  });

  it('names the addresses it touches from the kubectl inventory', () => {
    const trace = run();
    expect(trace.names['10.96.0.100']).toEqual({ kind: 'service', name: 'web', namespace: 'default' });
    expect(trace.names['10.244.1.5']).toMatchObject({ kind: 'pod', name: 'web-7d4b9c8f5d-x2kqp', node: 'node-1' });
  });

  it('treats a connection already in a conntrack dump as established: no nat table, the recorded DNAT', () => {
    const line = 'tcp      6 86380 ESTABLISHED src=10.244.1.2 dst=10.96.0.100 sport=40000 dport=80 src=10.244.1.6 dst=10.244.1.2 sport=8080 dport=40000 [ASSURED] mark=0 use=1\n';
    const scenario = readScenario('pod-to-clusterip');
    const model = buildModel([...scenario.inputs, { name: 'conntrack.txt', text: line, node: 'node-1', format: 'conntrack' }]);
    const trace = simulate(model, { from: 'node-1/client', packet: parsePacketSpec('tcp 10.244.1.2:40000 > 10.96.0.100:80').value!, reply: false });
    const hops = traceHops(trace);
    expect(hops.some((h) => h.place.table === 'nat' && h.hop === 'chain')).toBe(false);
    const ct = hops.find((h) => h.hop === 'conntrack')!;
    expect(ct.after.meta.ctstate).toBe('ESTABLISHED');
    expect(ct.children).toContainEqual({ kind: 'assumption', message: { key: 'assume.ctFromDump', params: { file: 'conntrack.txt', line: 1 } } });
    // The dump's entry points at web-2, so the packet goes there whatever the statistic rules say.
    expect(hops.find((h) => h.hop === 'deliver')!.place.netns).toBe('node-1/web-2');
    expect(trace.branches).toEqual([]);
  });

  it('lets bridged replies skip iptables when br_netfilter is off, and then the reply is not un-NATed', () => {
    const trace = run(undefined, { settings: { bridgeNfCallIptables: false } });
    const reply = trace.legs[1]!;
    const last = reply.hops[reply.hops.length - 1]!;
    expect(last.after.ip.src).toBe('10.244.1.5');
    expect(trace.assumptions.map((a) => a.key)).toContain('assume.brNetfilterOff');
  });
});

function trace0(): HopNode[] {
  return run().legs[0]!.hops;
}
