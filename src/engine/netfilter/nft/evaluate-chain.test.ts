/**
 * kube-proxy's nftables mode, on a ruleset nft itself printed (the parser's fixture): the
 * services map, numgen endpoint picks, DNAT in an endpoint chain, masquerading.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildModel } from '../../model/build';
import { parsePacketSpec } from '../../sim/packet-spec';
import { simulate } from '../../sim/simulate';
import { traceHops } from '../../trace/minimal';
import type { RuleNode } from '../../trace/types';

const RULESET = readFileSync(join(__dirname, '../../formats/nft/fixtures/kube-proxy-flannel.txt'), 'utf8');
const ADDR = `1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN
    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
    inet 127.0.0.1/8 scope host lo
2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc fq_codel state UP
    link/ether 02:42:ac:12:00:03 brd ff:ff:ff:ff:ff:ff
    inet 172.18.0.3/16 brd 172.18.255.255 scope global eth0
`;
const ROUTE = 'default via 172.18.0.1 dev eth0\n10.244.0.0/16 via 172.18.0.4 dev eth0\n172.18.0.0/16 dev eth0 proto kernel scope link src 172.18.0.3\n';

const model = buildModel([
  { name: 'nft.txt', text: RULESET, node: 'n', format: 'nft' },
  { name: 'ip-addr.txt', text: ADDR, node: 'n' },
  { name: 'ip-route.txt', text: ROUTE, node: 'n' },
]);

const matched = (hops: ReturnType<typeof traceHops>) => hops.flatMap((h) => h.children.filter((c): c is RuleNode => c.kind === 'rule' && c.matched).map((c) => `${c.rule.chain}:${c.rule.span.line}`));

describe('kube-proxy nftables mode', () => {
  it('parses cleanly', () => expect(model.diagnostics.filter((d) => d.severity === 'error')).toEqual([]));

  it('finds the Service in the services map, picks an endpoint with numgen, and DNATs', () => {
    const packet = parsePacketSpec('tcp 172.18.0.1:40000 > 10.96.120.7:80').value!;
    const trace = simulate(model, { from: 'n', packet, in: 'eth0', reply: false });
    const hops = traceHops(trace);
    const lines = matched(hops);
    // filter-prerouting (priority dstnat - 10) runs before nat-prerouting (dstnat); then the services
    // map, the service chain (masquerade mark for a source outside the pod network, the numgen
    // pick), the endpoint chain's DNAT; FORWARD; and in POSTROUTING flannel's postrtg before
    // kube-proxy's nat-postrouting: same priority, and the table created last runs first.
    expect(lines.map((l) => l.split(':')[0])).toEqual([
      'filter-prerouting', 'nat-prerouting', 'services', 'service-SUSTUHLJ-default/web/tcp/http', 'mark-for-masquerade',
      'service-SUSTUHLJ-default/web/tcp/http', 'endpoint-HGNPOIJ5-default/web/tcp/http__10.244.1.5/8080',
      'filter-forward', 'filter-forward', 'forward', 'postrtg', 'nat-postrouting', 'masquerading', 'masquerading',
    ]);
    const branch = trace.branches[0]!;
    expect(branch.options.map((o) => o.label)).toEqual(['10.244.1.5:8080', '10.244.1.6:8080', '10.244.2.7:8080']);
    for (const o of branch.options) expect(o.probability).toBeCloseTo(1 / 3);
    const dnat = hops.find((h) => h.before.ip.dst !== h.after.ip.dst)!;
    expect([dnat.after.ip.dst, dnat.after.l4!.dport, dnat.place.hook]).toEqual(['10.244.1.5', 8080, 'PREROUTING']);
    expect(dnat.decidedBy!.table).toBe('ip kube-proxy');
    // From outside the pod network: marked for masquerade, so POSTROUTING masquerades.
    const masq = hops.find((h) => h.before.ip.src !== h.after.ip.src)!;
    expect([masq.place.hook, masq.after.ip.src]).toEqual(['POSTROUTING', '172.18.0.3']);
  });

  it('follows another endpoint when chosen', () => {
    const packet = parsePacketSpec('tcp 172.18.0.1:40000 > 10.96.120.7:80').value!;
    const first = simulate(model, { from: 'n', packet, in: 'eth0', reply: false });
    const key = first.branches[0]!.key;
    const third = simulate(model, { from: 'n', packet, in: 'eth0', reply: false, choices: { [key]: '2' } });
    expect(traceHops(third).find((h) => h.before.ip.dst !== h.after.ip.dst)!.after.ip.dst).toBe('10.244.2.7');
  });

  it('rejects a Service without endpoints through the no-endpoint map', () => {
    const packet = parsePacketSpec('tcp 172.18.0.1:40000 > 10.96.9.9:80').value!;
    const trace = simulate(model, { from: 'n', packet, in: 'eth0', reply: false });
    expect(trace.legs[0]!.verdict).toBe('rejected');
  });
});
