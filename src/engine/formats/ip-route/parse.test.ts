import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatIpv4Net } from '../../net/ipv4';
import { parseIpRoute, promptTable } from './parse';
import type { Route } from './types';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
/** A route in `ip route`'s own words, so expectations read like the dump. */
const show = (r: Route) => [
  r.type === 'unicast' ? '' : `${r.type} `, formatIpv4Net(r.dst), r.via ? ` via ${r.via}` : '', r.dev ? ` dev ${r.dev}` : '',
  r.table === 'main' ? '' : ` table ${r.table}`, r.proto ? ` proto ${r.proto}` : '', r.scope ? ` scope ${r.scope}` : '',
  r.src ? ` src ${r.src}` : '', r.metric ? ` metric ${r.metric}` : '', r.onlink ? ' onlink' : '', r.mtu ? ` mtu ${r.mtu}` : '',
].join('');
const codes = (diags: { code: string; severity: string; line: number; column: number }[]) =>
  diags.map((d) => `${d.code} ${d.severity} ${d.line}:${d.column}`);

describe('parseIpRoute: ip route', () => {
  it('reads a Calico IPIP node', () => {
    const { value, diagnostics } = parseIpRoute(fixture('calico-node-routes.txt'), 'calico.txt');
    expect(value.routes.map(show)).toEqual([
      '0.0.0.0/0 via 172.16.160.1 dev eth0 proto dhcp src 172.16.160.26 metric 100',
      '10.1.192.0/26 via 172.16.160.27 dev tunl0 proto bird onlink',
      'blackhole 10.48.0.64/26 proto bird',
      '10.48.0.67/32 dev calie965c96dc90 scope link',
      '10.48.0.68/32 dev cali1f2a3b4c5d6 scope link',
      '10.48.128.0/26 via 172.16.160.28 dev tunl0 proto bird onlink',
      '172.16.160.0/20 dev eth0 proto kernel scope link src 172.16.160.26 metric 100',
      '172.16.160.1/32 dev eth0 proto dhcp scope link src 172.16.160.26 metric 100',
    ]);
    expect(value.routes.map((r) => r.dstText).slice(0, 4)).toEqual(['default', '10.1.192.0/26', '10.48.0.64/26', '10.48.0.67']);
    expect(value.routes[2]!.span).toEqual({ file: 'calico.txt', line: 3, column: 1, endColumn: 35 });
    expect(value.hasLocalTable).toBe(false);
    expect(value.files).toEqual(['calico.txt']);
    expect(diagnostics).toEqual([]);
  });

  it('reads old iproute2 output with double spaces', () => {
    const { value, diagnostics } = parseIpRoute(fixture('calico-node-routes-old-iproute2.txt'), 'old.txt');
    expect(value.routes.map(show)).toEqual([
      '0.0.0.0/0 via 172.16.160.1 dev eth0',
      '10.1.192.0/26 via 172.16.160.27 dev tunl0 proto bird onlink',
      'blackhole 10.48.0.64/26 proto bird',
      '10.48.0.67/32 dev calie965c96dc90 scope link',
      '169.254.0.0/16 dev eth0 scope link metric 1002',
      '172.16.160.0/20 dev eth0 proto kernel scope link src 172.16.160.26',
    ]);
    expect(diagnostics).toEqual([]);
  });

  it('reads a flannel node, including onlink routes to flannel.1 and linkdown', () => {
    const { value, diagnostics } = parseIpRoute(fixture('flannel-node-routes.txt'), 'flannel.txt');
    expect(value.routes.map(show)).toContain('10.244.2.0/24 via 10.244.2.0 dev flannel.1 onlink');
    expect(value.routes.map(show)).toContain('172.17.0.0/16 dev docker0 proto kernel scope link src 172.17.0.1');
    expect(value.routes).toHaveLength(6);
    expect(diagnostics).toEqual([]);
  });

  it('reads ip route show table all: local/broadcast, other tables, IPv6 skipped once', () => {
    const { value, diagnostics } = parseIpRoute(fixture('table-all.txt'), 'all.txt');
    expect(value.hasLocalTable).toBe(true);
    expect(value.routes.map(show)).toEqual([
      '0.0.0.0/0 via 10.0.0.1 dev eth0 proto dhcp src 10.0.0.11 metric 100',
      '10.0.0.0/24 dev eth0 proto kernel scope link src 10.0.0.11 metric 100',
      '10.244.1.0/24 dev cni0 proto kernel scope link src 10.244.1.1',
      'local 0.0.0.0/0 dev lo table 2004 scope host',
      '10.43.0.0/16 via 169.254.169.4 dev br-ex table 7 mtu 1400',
      'local 10.0.0.11/32 dev eth0 table local proto kernel scope host src 10.0.0.11',
      'broadcast 10.0.0.255/32 dev eth0 table local proto kernel scope link src 10.0.0.11',
      'local 10.244.1.1/32 dev cni0 table local proto kernel scope host src 10.244.1.1',
      'broadcast 10.244.1.255/32 dev cni0 table local proto kernel scope link src 10.244.1.1',
      'local 127.0.0.0/8 dev lo table local proto kernel scope host src 127.0.0.1',
      'local 127.0.0.1/32 dev lo table local proto kernel scope host src 127.0.0.1',
      'broadcast 127.255.255.255/32 dev lo table local proto kernel scope link src 127.0.0.1',
    ]);
    expect(codes(diagnostics)).toEqual(['RT001 info 13:1']);
    expect(diagnostics[0]!.message).toMatch(/IPv6/);
  });

  it('attaches multipath nexthop lines to the route above', () => {
    const { value, diagnostics } = parseIpRoute(fixture('multipath.txt'), 'mp.txt');
    expect(diagnostics).toEqual([]);
    expect(value.routes.map(show)).toEqual([
      '0.0.0.0/0 proto static metric 100', '10.0.0.0/24 dev eth0 proto kernel scope link src 10.0.0.11',
      '10.0.1.0/24 dev eth1 proto kernel scope link src 10.0.1.11', '10.200.0.0/16 proto bgp metric 20',
    ]);
    expect(value.routes[0]!.nexthops).toEqual([
      { via: '10.0.0.1', dev: 'eth0', weight: 1, onlink: false },
      { via: '10.0.1.1', dev: 'eth1', weight: 2, onlink: true },
    ]);
    expect(value.routes[1]!.nexthops).toEqual([]);
    expect(value.routes[3]!.nexthops.map((h) => h.via)).toEqual(['10.0.0.2', '10.0.1.2']);
  });

  it('reports a nexthop line without a route above it', () => {
    const text = '\tnexthop via 10.0.0.1 dev eth0 weight 1 \n10.0.0.0/24 dev eth0 scope link \n';
    const { value, diagnostics } = parseIpRoute(text, 'f');
    expect(codes(diagnostics)).toEqual(['RT004 error 1:2']);
    expect(value.routes).toHaveLength(1);
  });

  it('reads ip -o route multipath joined with backslashes', () => {
    const { value } = parseIpRoute('default proto static metric 100 \\\tnexthop via 10.0.0.1 dev eth0 weight 1 \\\tnexthop via 10.0.1.1 dev eth1 weight 1 \n', 'f');
    expect(value.routes[0]!.nexthops.map((h) => h.dev)).toEqual(['eth0', 'eth1']);
  });

  it('reads an IPv4 route with an IPv6 gateway, mtu lock and unknown metrics', () => {
    const { value, diagnostics } = parseIpRoute('10.1.0.0/16 via inet6 fe80::1 dev eth0 proto bgp mtu lock 1400 initcwnd 10 advmss lock 1360 pref medium \n', 'f');
    expect(value.routes[0]).toMatchObject({ via: 'fe80::1', dev: 'eth0', proto: 'bgp', mtu: 1400 });
    expect(diagnostics).toEqual([]);
  });

  it('reads all route types and an explicit unicast', () => {
    const text = ['unicast 10.0.0.0/8 dev eth0 table main proto boot scope global ', 'unreachable 10.1.0.0/16 ', 'prohibit 10.2.0.0/16 ',
      'throw 10.3.0.0/16 ', 'multicast 224.0.0.0/4 dev eth0 table local proto kernel ', 'anycast 10.4.0.0 dev eth0 table local '].join('\n');
    const { value, diagnostics } = parseIpRoute(text, 'f');
    expect(value.routes.map((r) => `${r.type}:${r.table}`)).toEqual(['unicast:main', 'unreachable:main', 'prohibit:main', 'throw:main', 'multicast:local', 'anycast:local']);
    expect(diagnostics).toEqual([]);
  });

  it('puts local/broadcast routes without "table" in table local (ip route show table local)', () => {
    const text = 'local 10.0.0.11 dev eth0 proto kernel scope host src 10.0.0.11 \nbroadcast 10.0.0.255 dev eth0 proto kernel scope link src 10.0.0.11 \n';
    const { value, diagnostics } = parseIpRoute(text, 'f');
    expect(value.routes.map((r) => r.table)).toEqual(['local', 'local']);
    expect(value.hasLocalTable).toBe(true);
    expect(codes(diagnostics)).toEqual(['RT001 info 1:1']);
  });

  it('takes the table from a prompt that asked for one table', () => {
    const text = 'root@node:~# ip route show table 2004\nlocal default dev lo scope host \nroot@node:~# ip r\ndefault via 10.0.0.1 dev eth0 \n';
    const { value, diagnostics } = parseIpRoute(text, 'f');
    expect(value.routes.map((r) => `${r.dstText}:${r.table}`)).toEqual(['default:2004', 'default:main']);
    expect(codes(diagnostics)).toEqual(['RT001 info 1:1', 'RT001 info 3:1']);
  });

  it('never lets a bad line hide the lines after it', () => {
    const text = [
      'default via 10.0.0.1 dev eth0 ',
      '10.300.0.0/16 dev eth0 ',
      '10.1.0.0/16 via 10.0.0.999 dev eth0 ',
      '10.2.0.0/16 via ',
      'blackhole ',
      '10.244.1.0 dev flannel.1 lladdr 9e:01:3d:09:66:39 PERMANENT',
      '10.3.0.0/16 dev eth0 frobnicate 7 ',
      '10.4.0.0/16 dev eth0 frobnicate 8 ',
      '10.5.0.0/16 dev eth1 scope link ',
    ].join('\n');
    const { value, diagnostics } = parseIpRoute(text, 'f');
    expect(value.routes.map((r) => r.dstText)).toEqual(['default', '10.3.0.0/16', '10.4.0.0/16', '10.5.0.0/16']);
    expect(codes(diagnostics)).toEqual([
      'RT002 error 2:1', 'RT003 error 3:17', 'RT003 error 4:13', 'RT001 error 5:1', 'RT001 warning 6:1', 'RT001 info 7:22', 'RT001 info 8:33',
    ]);
    expect(diagnostics[1]).toMatchObject({ endColumn: 27, message: 'Invalid gateway address "10.0.0.999".' });
  });

  it('reports bridge fdb lines as bad destinations rather than IPv6 routes', () => {
    const { value, diagnostics } = parseIpRoute('a2:7f:3c:11:4e:01 dev flannel.1 dst 192.168.1.11 self permanent\n', 'f');
    expect(value.routes).toEqual([]);
    expect(codes(diagnostics)).toEqual(['RT002 error 1:1']);
  });

  it('does not take prose or kubectl tables that start with an address for routes (seeds 001, 002)', () => {
    const text = '10.128.0.0  10.131.0.0 network가 Pod가 사용하는 Network이다.\ndefault       kubernetes      ClusterIP   10.200.1.1     <none>        443/TCP  9h\nblackhole 10.0.0.0/8 \n';
    const { value, diagnostics } = parseIpRoute(text, 'f');
    expect(value.routes.map(show)).toEqual(['blackhole 10.0.0.0/8']);
    expect(codes(diagnostics)).toEqual(['RT001 warning 1:1', 'RT001 warning 2:1']);
  });

  it('notes ip rule lines once instead of failing on each', () => {
    const { value, diagnostics } = parseIpRoute('0:\tfrom all lookup local\n32766:\tfrom all lookup main\n', 'f');
    expect(value.routes).toEqual([]);
    expect(codes(diagnostics)).toEqual(['RT001 info 1:1']);
  });
});

describe('parseIpRoute: net-tools', () => {
  it('reads netstat -nr from seed 001 (OVN-Kubernetes worker)', () => {
    const { value, diagnostics } = parseIpRoute(fixture('netstat-nr-seed001.txt'), 'netstat.txt');
    expect(value.routes.map(show)).toEqual([
      '0.0.0.0/0 via 50.50.51.10 dev br-ex',
      '10.128.0.0/14 via 10.131.0.1 dev ovn-k8s-mp0',
      '10.131.0.0/23 dev ovn-k8s-mp0',
      '50.50.51.0/24 dev br-ex',
      '169.254.169.0/30 via 50.50.51.10 dev br-ex',
      '169.254.169.3/32 via 10.131.0.1 dev ovn-k8s-mp0',
      '172.30.0.0/16 via 50.50.51.10 dev br-ex',
    ]);
    expect(value.routes.map((r) => r.dstText).slice(0, 3)).toEqual(['default', '10.128.0.0/14', '10.131.0.0/23']);
    expect(value.routes[0]!.span).toEqual({ file: 'netstat.txt', line: 4, column: 1, endColumn: 79 });
    expect(codes(diagnostics)).toEqual(['RT001 info 1:1', 'RT001 info 2:1']);
    expect(diagnostics[1]!.message).toMatch(/main table only/);
  });

  it('reads route -n with metrics, a blackhole (*) and a reject (!) route', () => {
    const { value, diagnostics } = parseIpRoute(fixture('route-n.txt'), 'route.txt');
    expect(value.routes.map(show)).toEqual([
      '0.0.0.0/0 via 10.0.2.2 dev eth0 metric 100',
      '10.0.2.0/24 dev eth0 metric 100',
      'blackhole 10.48.0.64/26',
      '10.48.0.67/32 dev calie965c96dc90',
      'unreachable 10.99.0.0/16',
      '172.17.0.0/16 dev docker0',
    ]);
    expect(value.routes.every((r) => r.table === 'main' && !r.onlink)).toBe(true);
    expect(codes(diagnostics)).toEqual(['RT001 info 1:1']);
  });

  it('reads rows without their header, and rejects names from route without -n', () => {
    const text = '10.0.2.0        0.0.0.0         255.255.255.0   U     100    0        0 eth0\n'
      + 'default         _gateway        0.0.0.0         UG    100    0        0 eth0\n'
      + 'link-local      0.0.0.0         255.255.0.0     U     1000   0        0 eth0\n';
    const { value, diagnostics } = parseIpRoute(text, 'f');
    expect(value.routes.map(show)).toEqual(['10.0.2.0/24 dev eth0 metric 100']);
    expect(codes(diagnostics)).toEqual(['RT001 info 1:1', 'RT003 error 2:17', 'RT002 error 3:1']);
    expect(diagnostics[1]!.hint).toMatch(/route -n/);
  });

  it('skips the net-tools IPv6 table with one note', () => {
    const text = 'Kernel IPv6 routing table\nDestination                    Next Hop                   Flag Met Ref Use If\n::1/128                        ::                         U    256 1     0 lo\nfe80::/64                      ::                         U    256 1     0 eth0\n';
    const { value, diagnostics } = parseIpRoute(text, 'f');
    expect(value.routes).toEqual([]);
    expect(codes(diagnostics)).toEqual(['RT001 info 1:1']);
  });
});

describe('promptTable', () => {
  it.each([
    [['ip', 'route'], 'main'],
    [['ip', '-4', 'r', 'show', 'table', '254'], 'main'],
    [['ip', 'route', 'show', 'table', 'all'], 'main'],
    [['docker', 'exec', 'n', 'ip', 'route', 'show', 'table', 'local'], 'local'],
    [['ip', 'rule'], undefined],
    [['netstat', '-nr'], undefined],
  ])('%j → %s', (words, table) => expect(promptTable(words)).toBe(table));
});
