import { describe, expect, it } from 'vitest';
import { buildModel } from '../model/build';
import type { Netns } from '../model/types';
import { traceHops } from '../trace/minimal';
import { parsePacketSpec } from './packet-spec';
import { addrType, lookupRoute, primaryAddress } from './routing';
import { simulate } from './simulate';

const ADDR = `1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN
    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
    inet 127.0.0.1/8 scope host lo
2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc fq_codel state UP
    link/ether 08:00:27:00:00:01 brd ff:ff:ff:ff:ff:ff
    inet 172.16.160.26/24 brd 172.16.160.255 scope global eth0
3: eth1: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc fq_codel state UP
    link/ether 08:00:27:00:00:02 brd ff:ff:ff:ff:ff:ff
    inet 10.0.5.2/24 scope global eth1
`;
const ROUTES = `default via 172.16.160.1 dev eth0 proto dhcp metric 100
default via 10.0.5.1 dev eth1 metric 200
blackhole 10.48.0.64/26 proto bird
10.48.0.67 dev calie965c96dc90 scope link
10.1.192.0/26 via 172.16.160.27 dev tunl0 proto bird onlink
10.9.0.0/16 proto static
	nexthop via 172.16.160.31 dev eth0 weight 1
	nexthop via 10.0.5.31 dev eth1 weight 3
172.16.160.0/24 dev eth0 proto kernel scope link src 172.16.160.26
10.0.5.0/24 dev eth1 proto kernel scope link src 10.0.5.2
10.20.0.0/16 via 10.0.5.9 dev eth1 table 2004
`;

function host(rules = ''): Netns {
  const inputs = [{ name: 'a', text: ADDR, node: 'n' }, { name: 'r', text: ROUTES, node: 'n' }];
  if (rules) inputs.push({ name: 'rules', text: rules, node: 'n' });
  return buildModel(inputs).netns.get('n' as never)!;
}

describe('lookupRoute', () => {
  const ns = host();
  it('prefers the longest prefix, then the lowest metric', () => {
    expect(lookupRoute(ns, '8.8.8.8')).toMatchObject({ kind: 'unicast', dev: 'eth0', via: '172.16.160.1' });
    expect(lookupRoute(ns, '10.48.0.67')).toMatchObject({ kind: 'unicast', dev: 'calie965c96dc90' });
    expect(lookupRoute(ns, '10.1.192.5')).toMatchObject({ dev: 'tunl0', via: '172.16.160.27' });
  });
  it('knows local addresses without a local table dump, and blackholes', () => {
    expect(lookupRoute(ns, '172.16.160.26')).toMatchObject({ kind: 'local', table: 'local' });
    expect(lookupRoute(ns, '127.0.0.53')).toMatchObject({ kind: 'local' });
    expect(lookupRoute(ns, '10.48.0.70')).toMatchObject({ kind: 'blackhole' });
    expect(addrType(ns, '172.16.160.26')).toBe('LOCAL');
    expect(addrType(ns, '10.48.0.70')).toBe('BLACKHOLE');
    expect(addrType(ns, '172.16.160.255')).toBe('BROADCAST');
    expect(addrType(ns, '10.0.5.2', 'eth0')).toBe('UNICAST');
    expect(addrType(ns, '10.0.5.2', 'eth1')).toBe('LOCAL');
  });
  it('follows policy rules: a fwmark rule selects another table', () => {
    const marked = host('0:\tfrom all lookup local\n100:\tfrom all fwmark 0x200/0xf00 lookup 2004\n32766:\tfrom all lookup main\n');
    expect(lookupRoute(marked, '10.20.1.1')).toMatchObject({ via: '172.16.160.1' });
    expect(lookupRoute(marked, '10.20.1.1', { mark: 0x1200 })).toMatchObject({ via: '10.0.5.9', table: '2004' });
  });
  it('lists every nexthop of a multipath route', () => {
    const d = lookupRoute(ns, '10.9.1.1');
    expect(d.nexthops!.map((n) => [n.via, n.dev, n.weight])).toEqual([['172.16.160.31', 'eth0', 1], ['10.0.5.31', 'eth1', 3]]);
  });
  it('selects the source address on the egress device', () => {
    expect(primaryAddress(ns, 'eth1', '10.0.5.77')).toBe('10.0.5.2');
    expect(primaryAddress(ns, 'eth0', '8.8.8.8')).toBe('172.16.160.26');
  });
});

describe('multipath and proxy ARP in a trace', () => {
  it('shows each nexthop of a multipath route as a weighted branch and follows the chosen one', () => {
    const model = buildModel([{ name: 'a', text: ADDR, node: 'n' }, { name: 'r', text: ROUTES, node: 'n' }]);
    const packet = parsePacketSpec('udp 172.16.160.26:5000 > 10.9.1.1:53').value!;
    const first = simulate(model, { from: 'n', packet });
    const branch = first.branches[0]!;
    expect(branch.options.map((o) => [o.label, o.probability])).toEqual([['via 172.16.160.31 dev eth0', 0.25], ['via 10.0.5.31 dev eth1', 0.75]]);
    const second = simulate(model, { from: 'n', packet, choices: { [branch.key]: '1' } });
    expect(traceHops(second).find((h) => h.hop === 'egress')!.place.iface).toBe('eth1');
  });

  it('sends the frames of a Calico pod for 169.254.1.1 to the host end of its veth (proxy ARP)', () => {
    const hostAddr = `${ADDR}4: calie965c96dc90@if3: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1480 qdisc noqueue state UP
    link/ether ee:ee:ee:ee:ee:ee brd ff:ff:ff:ff:ff:ff link-netnsid 1
`;
    const podAddr = `3: eth0@if4: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1480 qdisc noqueue state UP
    link/ether 5a:11:22:33:44:55 brd ff:ff:ff:ff:ff:ff link-netnsid 0
    inet 10.48.0.67/32 scope global eth0
`;
    const model = buildModel([
      { name: 'a', text: hostAddr, node: 'n' },
      { name: 'r', text: ROUTES, node: 'n' },
      { name: 'pa', text: podAddr, node: 'n', netns: 'pod' },
      { name: 'pr', text: 'default via 169.254.1.1 dev eth0\n169.254.1.1 dev eth0 scope link\n', node: 'n', netns: 'pod' },
    ]);
    const trace = simulate(model, { from: 'n/pod', packet: parsePacketSpec('tcp 10.48.0.67:40000 > 172.16.160.26:22').value!, reply: false });
    const egress = traceHops(trace).find((h) => h.hop === 'egress')!;
    expect(egress.after.eth!.dst).toBe('ee:ee:ee:ee:ee:ee');
    expect(trace.assumptions.map((a) => a.key)).toContain('assume.proxyArp');
    expect(trace.legs[0]!.verdict).toBe('delivered');
  });
});
