import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseBridgeFdb } from './parse';
import type { FdbEntry } from './types';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
/** An entry in `bridge fdb`'s own words (flags and state reordered to a fixed order). */
const show = (e: FdbEntry) => [
  e.mac, e.dev ? ` dev ${e.dev}` : '', e.dst ? ` dst ${e.dst}` : '', e.vlan !== undefined ? ` vlan ${e.vlan}` : '',
  e.port !== undefined ? ` port ${e.port}` : '', e.vni !== undefined ? ` vni ${e.vni}` : '', e.srcVni !== undefined ? ` src_vni ${e.srcVni}` : '',
  e.via ? ` via ${e.via}` : '', e.nhid !== undefined ? ` nhid ${e.nhid}` : '', e.self ? ' self' : '', e.externLearn ? ' extern_learn' : '',
  e.master ? ` master ${e.master}` : '', e.sticky ? ' sticky' : '', e.state === 'dynamic' ? '' : ` ${e.state}`,
].join('');
const codes = (diags: { code: string; severity: string; line: number; column: number }[]) =>
  diags.map((d) => `${d.code} ${d.severity} ${d.line}:${d.column}`);

describe('parseBridgeFdb', () => {
  it('reads a flannel node: bridge ports, multicast self entries, VTEPs and VXLAN default destinations', () => {
    const { value, diagnostics } = parseBridgeFdb(fixture('flannel-node-fdb.txt'), 'fdb.txt');
    expect(value.entries.map(show)).toEqual([
      '33:33:00:00:00:01 dev cni0 self permanent',
      '01:00:5e:00:00:6a dev cni0 self permanent',
      '33:33:00:00:00:6a dev cni0 self permanent',
      '01:00:5e:00:00:01 dev cni0 self permanent',
      '33:33:ff:54:0e:a0 dev cni0 self permanent',
      '62:ee:21:2e:3b:09 dev veth1a2b3c4d master cni0',
      '56:b3:db:54:0e:a0 dev veth1a2b3c4d master cni0 permanent',
      '6e:a1:42:9a:33:0c dev veth1a2b3c4d vlan 1 master cni0 static',
      '33:33:00:00:00:01 dev veth1a2b3c4d self permanent',
      'a2:7f:3c:11:4e:01 dev flannel.1 dst 192.168.56.12 self permanent',
      '52:2a:7c:0e:41:9b dev flannel.1 dst 192.168.56.13 self permanent',
      '00:00:00:00:00:00 dev vxlan0 dst 10.0.0.2 self permanent',
      '00:00:00:00:00:00 dev vxlan0 dst 10.0.0.3 self permanent',
      // `bridge fdb show dev vxlan0` omits dev; the pasted command supplies it.
      '00:00:00:00:00:00 dev vxlan0 dst 10.0.0.2 self permanent',
      '00:00:00:00:00:00 dev vxlan0 dst 10.0.0.3 self permanent',
    ]);
    expect(value.entries.filter((e) => e.isDefault).map((e) => e.dst)).toEqual(['10.0.0.2', '10.0.0.3', '10.0.0.2', '10.0.0.3']);
    expect(value.entries[5]!.state).toBe('dynamic');
    expect(value.entries[9]!.span).toEqual({ file: 'fdb.txt', line: 11, column: 1, endColumn: 65 });
    expect(diagnostics).toEqual([]);
  });

  it('reads EVPN entries: vni/src_vni/port/via/nhid, extern_learn, sticky, stale', () => {
    const { value, diagnostics } = parseBridgeFdb(fixture('evpn-vxlan-fdb.txt'), 'evpn.txt');
    expect(value.entries.map(show)).toEqual([
      'aa:bb:cc:00:01:07 dev vxlan100 vlan 100 extern_learn master br100',
      'aa:bb:cc:00:01:07 dev vxlan100 dst 10.0.0.7 src_vni 100 self extern_learn',
      '00:00:00:00:00:00 dev vxlan100 dst 10.0.0.7 self permanent',
      '00:00:00:00:00:00 dev vxlan100 dst 10.0.0.8 port 4789 vni 100 via eth1 self permanent',
      'de:ad:be:ef:00:02 dev vxlan200 nhid 5001 self extern_learn',
      '3e:11:22:33:44:55 dev bond0 vlan 1 master br100 permanent',
      '3e:11:22:33:44:55 dev bond0 master br100 sticky',
      '52:54:00:aa:bb:cc dev eth0 master br100 stale',
    ]);
    expect(diagnostics).toEqual([]);
  });

  it('tells a bare "master" flag from "master BR", and keeps IPv6 VTEPs as text', () => {
    const { value } = parseBridgeFdb('52:54:00:aa:bb:cc dev eth0 self master permanent\n52:54:00:aa:bb:cd dev vx6 dst FD00::7 self permanent\n', 'f');
    expect(value.entries[0]).toMatchObject({ state: 'permanent', self: true });
    expect(value.entries[0]!.master).toBeUndefined();
    expect(value.entries[1]!.dst).toBe('fd00::7');
  });

  it('reports bad MACs, values and unknown words with their columns', () => {
    const text = [
      '52:54:00:aa:bb dev eth0 master br0',
      '52:54:00:aa:bb:cc dev vx0 dst 10.0.0.300 vlan x self permanent',
      '52:54:00:aa:bb:cd dev eth0 frobnicate master br0',
      '52:54:00:aa:bb:ce dev eth0 frobnicate master br0',
      '52:54:00:aa:bb:cf dev',
    ].join('\n');
    const { value, diagnostics } = parseBridgeFdb(text, 'f');
    expect(value.entries.map((e) => e.mac)).toEqual(['52:54:00:aa:bb:cc', '52:54:00:aa:bb:cd', '52:54:00:aa:bb:ce', '52:54:00:aa:bb:cf']);
    expect(codes(diagnostics)).toEqual(['FDB002 warning 1:1', 'FDB003 warning 2:31', 'FDB003 warning 2:47', 'FDB004 info 3:28', 'FDB001 warning 5:19', 'FDB001 warning 5:1']);
  });
});
