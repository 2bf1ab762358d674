/**
 * Two flannel nodes joined by VXLAN, written as `ip -d addr` / `ip route` would print them:
 * the packet is wrapped on node-1, crosses the underlay, and is unwrapped on node-2.
 */
import { describe, expect, it } from 'vitest';
import { buildModel } from '../model/build';
import type { InputFile } from '../model/types';
import { traceHops } from '../trace/minimal';
import { parsePacketSpec } from './packet-spec';
import { simulate } from './simulate';

function node(n: number, vxlanMac: string, cniMac: string, ethMac: string): InputFile[] {
  const other = n === 1 ? 2 : 1;
  const addr = `1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN
    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
    inet 127.0.0.1/8 scope host lo
2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc fq_codel state UP
    link/ether ${ethMac} brd ff:ff:ff:ff:ff:ff
    inet 192.168.56.1${n}/24 scope global eth0
3: flannel.1: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1450 qdisc noqueue state UNKNOWN
    link/ether ${vxlanMac} brd ff:ff:ff:ff:ff:ff promiscuity 0
    vxlan id 1 local 192.168.56.1${n} dev eth0 srcport 0 0 dstport 8472 nolearning ttl auto ageing 300
    inet 10.244.${n}.0/32 scope global flannel.1
4: cni0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1450 qdisc noqueue state UP
    link/ether ${cniMac} brd ff:ff:ff:ff:ff:ff
    inet 10.244.${n}.1/24 brd 10.244.${n}.255 scope global cni0
5: veth0000000${n}@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1450 qdisc noqueue master cni0 state UP
    link/ether 5e:00:00:00:00:0${n} brd ff:ff:ff:ff:ff:ff link-netnsid 0
`;
  const route = `default via 192.168.56.1 dev eth0
10.244.${n}.0/24 dev cni0 proto kernel scope link src 10.244.${n}.1
10.244.${other}.0/24 via 10.244.${other}.0 dev flannel.1 onlink
192.168.56.0/24 dev eth0 proto kernel scope link src 192.168.56.1${n}
`;
  const podAddr = `2: eth0@if5: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1450 qdisc noqueue state UP
    link/ether 2a:00:00:00:00:0${n} brd ff:ff:ff:ff:ff:ff link-netnsid 0
    inet 10.244.${n}.2/24 brd 10.244.${n}.255 scope global eth0
`;
  const podRoute = `default via 10.244.${n}.1 dev eth0\n10.244.${n}.0/24 dev eth0 proto kernel scope link src 10.244.${n}.2\n`;
  const name = `node-${n}`;
  return [
    { name: `${name}/ip-addr.txt`, text: addr, node: name },
    { name: `${name}/ip-route.txt`, text: route, node: name },
    { name: `${name}/pod/ip-addr.txt`, text: podAddr, node: name, netns: `pod-${n}` },
    { name: `${name}/pod/ip-route.txt`, text: podRoute, node: name, netns: `pod-${n}` },
  ];
}

const inputs = [...node(1, '6e:3a:1f:c4:92:07', '9a:52:e3:41:7c:0d', '08:00:27:5e:a1:3c'), ...node(2, 'b2:5c:0e:77:1a:9f', '3e:11:22:33:44:55', '08:00:27:aa:bb:cc')];

describe('VXLAN between two nodes', () => {
  const model = buildModel(inputs);
  const trace = simulate(model, { from: 'node-1/pod-1', packet: parsePacketSpec('tcp 10.244.1.2:40000 > 10.244.2.2:8080').value! });
  const hops = traceHops(trace);

  it('parses without errors', () => expect(model.diagnostics.filter((d) => d.severity === 'error')).toEqual([]));

  it('wraps on node-1 with the outer addresses flannel uses, and unwraps on node-2', () => {
    expect(trace.legs.map((l) => l.verdict)).toEqual(['delivered', 'delivered']);
    const encap = hops.find((h) => h.hop === 'encap')!;
    expect(encap.place).toMatchObject({ node: 'node-1', iface: 'flannel.1' });
    expect(encap.after.ip).toMatchObject({ src: '192.168.56.11', dst: '192.168.56.12', proto: 17 });
    expect(encap.after.l4!.dport).toBe(8472);
    expect(encap.after.tunnel).toEqual({ kind: 'vxlan', vni: 1, overhead: 50 });
    expect(encap.after.inner!.ip).toMatchObject({ src: '10.244.1.2', dst: '10.244.2.2' });
    expect(encap.after.inner!.eth).toEqual({ src: '6e:3a:1f:c4:92:07', dst: 'b2:5c:0e:77:1a:9f' });
    const wire = hops.find((h) => h.hop === 'wire')!;
    expect(wire.place).toMatchObject({ node: 'node-2', iface: 'eth0' });
    const decap = hops.find((h) => h.hop === 'decap')!;
    expect(decap.place).toMatchObject({ node: 'node-2', iface: 'flannel.1' });
    expect(decap.after.inner).toBeUndefined();
    expect(hops.filter((h) => h.hop === 'deliver')[0]!.place.netns).toBe('node-2/pod-2');
  });

  it('sends the outer packet through the node\'s own OUTPUT path, and says what it assumed', () => {
    const encapAt = hops.findIndex((h) => h.hop === 'encap');
    expect(hops[encapAt + 1]).toMatchObject({ hop: 'route', place: { node: 'node-1' } });
    const keys = trace.assumptions.map((a) => a.key);
    expect(keys).toEqual(expect.arrayContaining(['assume.fdbUnknown', 'assume.neighUnknown', 'assume.tunnelSourcePort', 'assume.sharedUnderlay']));
  });

  it('brings the reply back the same way, wrapped on node-2', () => {
    const reply = trace.legs[1]!.hops;
    const encap = reply.find((h) => h.hop === 'encap')!;
    expect(encap.place.node).toBe('node-2');
    expect(encap.after.ip).toMatchObject({ src: '192.168.56.12', dst: '192.168.56.11' });
    expect(reply.at(-1)!.place.netns).toBe('node-1/pod-1');
  });

  it('takes the VTEP and the inner MAC from ip neigh and bridge fdb dumps when given, without assuming', () => {
    const withTables = buildModel([
      ...inputs,
      { name: 'node-1/ip-neigh.txt', text: '10.244.2.0 dev flannel.1 lladdr b2:5c:0e:77:1a:9f PERMANENT\n', node: 'node-1', format: 'ip-neigh' },
      // A deliberately different VTEP address: the FDB entry, not the owner of the MAC, must decide.
      { name: 'node-1/bridge-fdb.txt', text: 'b2:5c:0e:77:1a:9f dev flannel.1 dst 192.168.56.99 self permanent\n', node: 'node-1', format: 'bridge-fdb' },
    ]);
    const t = simulate(withTables, { from: 'node-1/pod-1', packet: parsePacketSpec('tcp 10.244.1.2:40000 > 10.244.2.2:8080').value!, reply: false });
    const encap = traceHops(t).find((h) => h.hop === 'encap')!;
    expect(encap.after.ip.dst).toBe('192.168.56.99');
    expect(encap.after.inner!.eth!.dst).toBe('b2:5c:0e:77:1a:9f');
    expect(encap.children.filter((c) => c.kind === 'assumption').map((c) => (c as { message: { key: string } }).message.key)).toEqual(['assume.tunnelSourcePort']);
  });

  it('ends honestly when no FDB, remote or owner says where the VTEP is', () => {
    const lonely = buildModel(node(1, '6e:3a:1f:c4:92:07', '9a:52:e3:41:7c:0d', '08:00:27:5e:a1:3c'));
    const t = simulate(lonely, { from: 'node-1/pod-1', packet: parsePacketSpec('tcp 10.244.1.2:40000 > 10.244.2.2:8080').value! });
    expect(t.legs[0]!.verdict).toBe('incomplete');
    expect(t.assumptions.map((a) => a.key)).toContain('assume.vtepUnknown');
  });
});
