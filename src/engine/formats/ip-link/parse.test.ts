import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { expectLinear } from '../../testing/linearity';
import { parseIpAddr } from './parse';
import type { Link } from './types';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const byName = (links: Link[], name: string): Link => {
  const link = links.find((l) => l.name === name);
  if (!link) throw new Error(`no link ${name}`);
  return link;
};
const addrs = (link: Link) => link.addresses.map((a) => `${a.address}/${a.prefix}`);
const codes = (diags: { code: string; severity: string; line: number; column: number }[]) =>
  diags.map((d) => `${d.code} ${d.severity} ${d.line}:${d.column}`);

describe('parseIpAddr: kube node, ip -d addr', () => {
  const { value, diagnostics } = parseIpAddr(fixture('kube-node-ip-d-addr.txt'), 'node.txt');

  it('reads every interface, in order, without diagnostics', () => {
    expect(value.links.map((l) => `${l.index}:${l.name}:${l.kind}`)).toEqual([
      '1:lo:loopback', '2:eth0:ethernet', '3:kube-ipvs0:dummy', '4:tunl0:ipip', '5:flannel.1:vxlan',
      '6:cni0:bridge', '7:veth8f3c2a1d:veth', '8:veth1a2b3c4d:veth',
    ]);
    expect(value.links.every((l) => l.kindSource === 'detail')).toBe(true);
    expect(value.files).toEqual(['node.txt']);
    expect(diagnostics).toEqual([]);
  });

  it('reads the vxlan detail line of flannel.1', () => {
    const flannel = byName(value.links, 'flannel.1');
    expect(flannel.vxlan).toEqual({ id: 1, local: '10.0.0.11', dev: 'eth0', dstport: 8472 });
    expect(flannel.mtu).toBe(1450);
    expect(addrs(flannel)).toEqual(['10.244.1.0/32', 'fe80::6c0c:4fff:fe27:1a9b/64']);
  });

  it('reads veth peers, masters and link-netnsid / link-netns', () => {
    const a = byName(value.links, 'veth8f3c2a1d');
    expect(a.peer).toEqual({ ifindex: 3 });
    expect(a.master).toBe('cni0');
    expect(a.linkNetns).toEqual({ id: 0 });
    expect(a.mac).toBe('8a:76:4d:3c:b6:b1');
    expect(byName(value.links, 'veth1a2b3c4d').linkNetns).toEqual({ name: 'cni-171b0e4d-8d29-0c6e-6c3a-2f4a1d3b9e77' });
  });

  it('reads tunl0@NONE as having no peer, and kube-ipvs0 as a DOWN dummy with /32s', () => {
    const tunl = byName(value.links, 'tunl0');
    expect(tunl.peer).toBeUndefined();
    expect(tunl.mac).toBeUndefined();
    const ipvs = byName(value.links, 'kube-ipvs0');
    expect(ipvs.state).toBe('DOWN');
    expect(ipvs.flags).toEqual(['BROADCAST', 'NOARP']);
    expect(addrs(ipvs)).toEqual(['10.96.0.1/32', '10.96.0.10/32']);
  });

  it('reads address fields, skipping `metric` before `brd`', () => {
    const [v4] = byName(value.links, 'eth0').addresses;
    expect(v4).toMatchObject({ family: 'inet', address: '10.0.0.11', prefix: 24, broadcast: '10.0.0.255', scope: 'global', label: 'eth0', secondary: false });
    expect(v4!.span).toEqual({ file: 'node.txt', line: 10, column: 5, endColumn: 74 });
    expect(byName(value.links, 'lo').addresses[1]).toMatchObject({ family: 'inet6', address: '::1', prefix: 128, scope: 'host' });
  });

  it('points each link at its header line', () => {
    expect(byName(value.links, 'cni0').span).toMatchObject({ line: 33, column: 1 });
  });
});

describe('parseIpAddr: kube node, plain ip addr (kinds inferred)', () => {
  const { value, diagnostics } = parseIpAddr(fixture('kube-node-ip-addr.txt'), 'node.txt');

  it('infers kinds from names, peers and flags', () => {
    expect(value.links.map((l) => `${l.name}:${l.kind}`)).toEqual([
      'lo:loopback', 'eth0:ethernet', 'kube-ipvs0:dummy', 'tunl0:ipip', 'flannel.1:vxlan', 'cni0:bridge',
      'veth8f3c2a1d:veth', 'veth1a2b3c4d:veth', 'calie965c96dc90:veth',
    ]);
    expect(value.links.every((l) => l.kindSource === 'inferred')).toBe(true);
    expect(diagnostics).toEqual([]);
  });

  it('keeps secondary addresses and their labels', () => {
    expect(byName(value.links, 'eth0').addresses[1]).toMatchObject({ address: '10.0.0.50', secondary: true, label: 'eth0:vip' });
  });

  it('reads a Calico host veth without a master', () => {
    const cali = byName(value.links, 'calie965c96dc90');
    expect(cali.master).toBeUndefined();
    expect(cali.peer).toEqual({ ifindex: 4 });
    expect(cali.linkNetns).toEqual({ id: 2 });
  });
});

describe('parseIpAddr: pod', () => {
  it('reads eth0@if7 as a veth whose peer is index 7 in netns 0', () => {
    const { value, diagnostics } = parseIpAddr(fixture('pod-ip-addr.txt'), 'pod.txt');
    expect(diagnostics).toEqual([]);
    const eth0 = byName(value.links, 'eth0');
    expect(eth0).toMatchObject({ index: 3, peer: { ifindex: 7 }, kind: 'veth', kindSource: 'inferred', linkNetns: { id: 0 }, mtu: 1450, state: 'UP' });
    expect(addrs(eth0)).toEqual(['10.244.1.5/24', 'fe80::283f:19ff:fe0c:5e71/64']);
  });
});

describe('parseIpAddr: ifconfig', () => {
  it('reads the new net-tools layout, numbering links and folding aliases into their base', () => {
    const { value, diagnostics } = parseIpAddr(fixture('ifconfig-new.txt'), 'ifc.txt');
    expect(value.links.map((l) => `${l.index}:${l.name}:${l.kind}:${l.state}:${l.mtu}`)).toEqual([
      '1:eth0:ethernet:UP:1500', '2:lo:loopback:UP:65536', '3:ovn-k8s-mp0:openvswitch:UP:1400', '4:tunl0:ipip:UP:1480',
      '5:docker0:bridge:DOWN:1500',
    ]);
    const eth0 = byName(value.links, 'eth0');
    expect(eth0.mac).toBe('08:00:27:4e:66:a1');
    expect(eth0.flags).toEqual(['UP', 'BROADCAST', 'RUNNING', 'MULTICAST']);
    expect(eth0.addresses.map((a) => [a.address, a.prefix, a.scope, a.secondary, a.label ?? null])).toEqual([
      ['10.0.2.15', 24, 'global', false, null],
      ['fe80::a00:27ff:fe4e:66a1', 64, 'link', false, null],
      ['10.0.2.100', 24, 'global', true, 'eth0:1'],
    ]);
    expect(eth0.addresses[0]!.broadcast).toBe('10.0.2.255');
    expect(byName(value.links, 'ovn-k8s-mp0').addresses[0]).toMatchObject({ address: '10.131.0.2', prefix: 23 });
    expect(byName(value.links, 'lo').addresses.map((a) => a.scope)).toEqual(['host', 'host']);
    expect(diagnostics.map((d) => [d.code, d.severity, d.line])).toEqual([['LNK004', 'info', 1]]);
    expect(diagnostics[0]!.message).toMatch(/peers\/masters are unknown/);
  });

  it('reads the old net-tools / busybox layout', () => {
    const { value, diagnostics } = parseIpAddr(fixture('ifconfig-old.txt'), 'ifc.txt');
    expect(value.links.map((l) => `${l.index}:${l.name}:${l.kind}:${l.mtu}`)).toEqual([
      '1:docker0:bridge:1500', '2:eth0:ethernet:1500', '3:lo:loopback:65536', '4:veth3f1a2b9:veth:1500',
    ]);
    const eth0 = byName(value.links, 'eth0');
    expect(eth0.mac).toBe('08:00:27:4e:66:a1');
    expect(eth0.flags).toEqual(['UP', 'BROADCAST', 'RUNNING', 'MULTICAST']);
    expect(eth0.addresses.map((a) => `${a.address}/${a.prefix} ${a.scope}${a.label ? ` ${a.label}` : ''}`)).toEqual([
      '10.0.2.15/24 global', 'fe80::a00:27ff:fe4e:66a1/64 link', '10.0.2.100/24 global eth0:0',
    ]);
    expect(byName(value.links, 'lo').addresses[1]).toMatchObject({ address: '::1', prefix: 128, scope: 'host' });
    expect(diagnostics.map((d) => d.code)).toEqual(['LNK004']);
  });

  it('reports a bad netmask and keeps reading', () => {
    const text = 'eth0: flags=4163<UP,RUNNING>  mtu 1500\n        inet 10.0.2.15  netmask 255.0.255.0\n        inet 10.0.3.15  netmask 255.255.255.0\n';
    const { value, diagnostics } = parseIpAddr(text, 'f');
    expect(addrs(value.links[0]!)).toEqual(['10.0.3.15/24']);
    expect(codes(diagnostics)).toEqual(['LNK004 info 1:1', 'LNK003 error 2:33']);
  });
});

describe('parseIpAddr: ip -br', () => {
  it('reads brief lines with peers and implied scopes', () => {
    const { value, diagnostics } = parseIpAddr(fixture('ip-br-addr.txt'), 'br.txt');
    expect(value.links.map((l) => `${l.index}:${l.name}:${l.state}:${l.kind}`)).toEqual([
      '1:lo:UNKNOWN:loopback', '2:eth0:UP:ethernet', '3:kube-ipvs0:DOWN:dummy', '4:veth5d1f7a2b:UP:veth',
    ]);
    expect(byName(value.links, 'veth5d1f7a2b').peer).toEqual({ ifindex: 3 });
    expect(addrs(byName(value.links, 'kube-ipvs0'))).toEqual(['10.200.1.1/32', '10.200.1.10/32', '10.200.1.216/32']);
    expect(byName(value.links, 'eth0').addresses.map((a) => a.scope)).toEqual(['global', 'global', 'link']);
    expect(byName(value.links, 'eth0').addresses[0]!.span).toEqual({ file: 'br.txt', line: 2, column: 33, endColumn: 46 });
    expect(codes(diagnostics)).toEqual(['LNK004 info 1:1']);
  });

  it('reads ip -br link', () => {
    const { value } = parseIpAddr('eth0@if12        UP             2a:3f:19:0c:5e:71 <BROADCAST,MULTICAST,UP,LOWER_UP> \n', 'f');
    expect(value.links[0]).toMatchObject({ name: 'eth0', peer: { ifindex: 12 }, mac: '2a:3f:19:0c:5e:71', flags: ['BROADCAST', 'MULTICAST', 'UP', 'LOWER_UP'], kind: 'veth' });
  });
});

describe('parseIpAddr: pasted from a blog (seed 003)', () => {
  const { value, diagnostics } = parseIpAddr(fixture('blog-paste-ip-link.txt'), 'blog.txt');

  it('reads headers whose link/ line was joined on, indented, between prompts', () => {
    expect(value.links.map((l) => `${l.index}:${l.name}:${l.kind}`)).toEqual(['1:lo:loopback', '5:veth-client:veth', '1:lo:loopback', '4:veth-server:veth']);
    expect(value.links[1]).toMatchObject({ peer: { ifindex: 4 }, linkNetns: { id: 1 }, mac: 'ca:e8:30:2e:f9:d2', state: 'DOWN', mtu: 1500 });
  });

  it('skips prompts and fences as info, prose as warnings, and flags the duplicate lo', () => {
    expect(codes(diagnostics)).toEqual([
      'LNK004 warning 1:5', 'LNK004 info 2:7', 'LNK004 info 3:7', 'LNK004 info 6:7', 'LNK004 info 9:7', 'LNK004 warning 10:5',
      'LNK004 warning 7:7',
    ]);
    expect(diagnostics[6]!.message).toMatch(/"lo" is listed twice/);
  });
});

describe('parseIpAddr: variants and recovery', () => {
  it('reads ip -o addr and ip -o link', () => {
    const text = [
      '2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc fq_codel state UP mode DEFAULT group default qlen 1000\\    link/ether 52:54:00:12:34:56 brd ff:ff:ff:ff:ff:ff',
      '2: eth0    inet 10.0.2.15/24 brd 10.0.2.255 scope global dynamic eth0\\       valid_lft 86224sec preferred_lft 86224sec',
      '3: eth1    inet 192.168.56.10/24 brd 192.168.56.255 scope global eth1\\       valid_lft forever preferred_lft forever',
    ].join('\n');
    const { value, diagnostics } = parseIpAddr(text, 'f');
    expect(value.links.map((l) => `${l.name}:${l.mac ?? '-'}:${addrs(l).join(',')}`)).toEqual([
      'eth0:52:54:00:12:34:56:10.0.2.15/24', 'eth1:-:192.168.56.10/24',
    ]);
    expect(codes(diagnostics)).toEqual(['LNK004 info 3:1']);
  });

  it('strips ip -c colours, CRLF and a BOM', () => {
    const text = '\uFEFF2: \x1b[36meth0: \x1b[0m<BROADCAST,UP> mtu 1500 qdisc mq state \x1b[32mUP \x1b[0mgroup default\r\n'
      + '    link/ether \x1b[33m52:54:00:12:34:56\x1b[0m brd \x1b[33mff:ff:ff:ff:ff:ff\x1b[0m\r\n'
      + '    inet \x1b[35m10.0.2.15\x1b[0m/24 brd 10.0.2.255 scope global eth0\r\n';
    const { value, diagnostics } = parseIpAddr(text, 'f');
    expect(diagnostics).toEqual([]);
    expect(value.links[0]).toMatchObject({ name: 'eth0', state: 'UP', mac: '52:54:00:12:34:56', mtu: 1500 });
    expect(addrs(value.links[0]!)).toEqual(['10.0.2.15/24']);
  });

  it('reads point-to-point addresses (prefix after the peer)', () => {
    const text = '5: tun0: <POINTOPOINT,NOARP,UP> mtu 1500 qdisc fq state UNKNOWN\n    link/none \n    inet 10.8.0.1 peer 10.8.0.2/32 scope global tun1\n';
    const [link] = parseIpAddr(text, 'f').value.links;
    expect(link!.addresses[0]).toMatchObject({ address: '10.8.0.1', peer: '10.8.0.2', prefix: 32, label: 'tun1' });
  });

  it('reports an unmodelled -d kind as info and keeps the link', () => {
    const text = '4: eth0.100@eth0: <BROADCAST,UP> mtu 1500 qdisc noqueue state UP\n    link/ether 52:54:00:12:34:56 brd ff:ff:ff:ff:ff:ff promiscuity 0\n    vlan protocol 802.1Q id 100 <REORDER_HDR> addrgenmode eui64\n';
    const { value, diagnostics } = parseIpAddr(text, 'f');
    expect(value.links[0]).toMatchObject({ name: 'eth0.100', peer: { name: 'eth0' }, kind: 'unknown', kindSource: 'detail' });
    expect(codes(diagnostics)).toEqual(['LNK004 info 3:5']);
  });

  it('never lets a bad line hide the lines after it', () => {
    const text = [
      '2: eth0: <BROADCAST,UP> mtu 1500 qdisc mq state UP',
      '    link/ether 52:54:00:12:34:56 brd ff:ff:ff:ff:ff:ff',
      '    inet 10.0.2.300/24 brd 10.0.2.255 scope global eth0',
      '    inet 10.0.2.15/33 scope global eth0',
      '    this is not iproute2',
      '    inet 10.0.2.16/24 scope global secondary eth0',
      '3: eth1: <BROADCAST mtu nope state DOWN',
      '    inet 192.168.1.5/24 scope global eth1',
      '    inet6 fe80::zz/64 scope link',
      '    inet6 fe80::1/64 scope link',
    ].join('\n');
    const { value, diagnostics } = parseIpAddr(text, 'f');
    expect(value.links.map((l) => `${l.name}:${addrs(l).join(',')}`)).toEqual(['eth0:10.0.2.16/24', 'eth1:192.168.1.5/24,fe80::1/64']);
    expect(codes(diagnostics)).toEqual([
      'LNK003 error 3:10', 'LNK003 error 4:10', 'LNK004 warning 5:5', 'LNK001 warning 7:10', 'LNK001 warning 7:25', 'LNK003 error 9:11',
    ]);
    expect(diagnostics[0]).toMatchObject({ file: 'f', endColumn: 23, message: '"10.0.2.300" is not a valid IPv4 address.' });
  });

  it('reports addresses before any interface', () => {
    const { value, diagnostics } = parseIpAddr('    inet 10.0.0.1/24 scope global eth0\n', 'f');
    expect(value.links).toEqual([]);
    expect(codes(diagnostics)).toEqual(['LNK002 error 1:5']);
  });

  it('returns an empty table for empty input', () => {
    expect(parseIpAddr('', 'f')).toEqual({ value: { links: [], files: ['f'] }, diagnostics: [] });
  });

  it('is linear: n interfaces (4n lines) parse in time proportional to n', () => {
    const block = (i: number) => `${i}: veth${i}@if3: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1450 qdisc noqueue master cni0 state UP group default \n`
      + `    link/ether 8a:76:4d:3c:b6:b1 brd ff:ff:ff:ff:ff:ff link-netnsid ${i}\n    inet6 fe80::8876:4dff:fe3c:b6b1/64 scope link \n       valid_lft forever preferred_lft forever\n`;
    const text = (n: number) => Array.from({ length: n }, (_, i) => block(i + 1)).join('');
    expectLinear('ip -d addr', text, (t) => parseIpAddr(t, 'big'), { n: 60, check: ({ value }, n) => expect(value.links).toHaveLength(n) });
  });
});
