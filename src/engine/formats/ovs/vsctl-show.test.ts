import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { OvsBridge } from './types';
import { parseOvsVsctlShow } from './vsctl-show';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const codes = (diags: { code: string; severity: string; line: number; column: number }[]) =>
  diags.map((d) => `${d.code} ${d.severity} ${d.line}:${d.column}`);
/** One line per interface: `port/interface type {options}`. */
const ifaces = (b: OvsBridge) => b.ports.flatMap((p) => p.interfaces.map((i) =>
  `${p.name}/${i.name} ${i.type || '-'}${Object.keys(i.options).length ? ` ${JSON.stringify(i.options)}` : ''}${i.error ? ' !' : ''}`));

describe('parseOvsVsctlShow', () => {
  it('reads seed 001 (OpenShift OVN-Kubernetes worker) verbatim', () => {
    const { value, diagnostics } = parseOvsVsctlShow(fixture('seed-001-vsctl-show.txt'), 'seed.txt');
    expect(value.uuid).toBe('9cad81c8-d7be-4b18-90e8-03aadd86a8cb');
    expect(value.ovsVersion).toBe('2.15.4');
    expect(value.bridges.map((b) => b.name)).toEqual(['br-ex', 'br-int']);
    const [brEx, brInt] = value.bridges as [OvsBridge, OvsBridge];
    expect(ifaces(brEx)).toEqual([
      'enp131s0f0/enp131s0f0 system',
      'patch-br-ex_worker1.twcm.cloud-to-br-int/patch-br-ex_worker1.twcm.cloud-to-br-int patch {"peer":"patch-br-int-to-br-ex_worker1.twcm.cloud"}',
      'br-ex/br-ex internal',
    ]);
    expect(brInt).toMatchObject({ failMode: 'secure', datapathType: 'system' });
    expect(ifaces(brInt)).toContain('ovn-5e8778-0/ovn-5e8778-0 geneve {"csum":"true","key":"flow","remote_ip":"50.50.51.22"}');
    expect(ifaces(brInt)).toContain('83cf7b04f35b763/83cf7b04f35b763 -');
    expect(brInt.ports).toHaveLength(11);
    expect(brInt.ports[1]!.span).toEqual({ file: 'seed.txt', line: 21, column: 9, endColumn: 31 });
    expect(brInt.ports[1]!.interfaces[0]!.span).toMatchObject({ line: 22, column: 13 });
    expect(diagnostics).toEqual([]);
  });

  it('reads real OVS 3.1 output: manager, controller, errors, a bond, tag and trunks', () => {
    const { value, diagnostics } = parseOvsVsctlShow(fixture('vsctl-show-ovs-3.1.txt'), 'ovs.txt');
    expect(value.managers.map((m) => m.target)).toEqual(['ptcp:6640:127.0.0.1']);
    expect(value.ovsVersion).toBe('3.1.0-2+deb12u1');
    const [brEx, brInt] = value.bridges as [OvsBridge, OvsBridge];
    expect(brEx.ports.find((p) => p.name === 'bond0')!.interfaces.map((i) => i.name)).toEqual(['eth1', 'eth2']);
    expect(brEx.ports.find((p) => p.name === 'enp131s0f0')!.interfaces[0]!.error).toBe('could not open network device enp131s0f0 (No such device)');
    expect(brInt.controllers.map((c) => c.target)).toEqual(['tcp:127.0.0.1:6653']);
    expect(brInt.datapathType).toBe('netdev');
    expect(brInt.ports.find((p) => p.name === 'tap-vlan10')!.tag).toBe(10);
    expect(brInt.ports.find((p) => p.name === 'trunk0')!.trunks).toEqual([10, 20]);
    expect(brInt.ports.find((p) => p.name === 'vxlan0')!.interfaces[0]!.options).toEqual({ dst_port: '4789', key: 'flow', remote_ip: 'flow' });
    expect(diagnostics).toEqual([]);
  });

  it('reads the OVS 2.7 style that quotes every name, is_connected, and unknown columns', () => {
    const text = [
      'a1b2c3d4-0000-1111-2222-333344445555',
      '    Manager "ptcp:6640"',
      '        is_connected: true',
      '    Bridge "br-int"',
      '        Controller "unix:/var/run/openvswitch/br-int.mgmt"',
      '            is_connected: true',
      '        fail_mode: secure',
      '        Port "ovn-07e20a-0"',
      '            Interface "ovn-07e20a-0"',
      '                type: geneve',
      '                options: {csum="true", key=flow, remote_ip="192.168.58.100"}',
      '                bfd_status: {diagnostic="No Diagnostic", flap_count="1", forwarding="true"}',
      '    ovs_version: "2.7.3"',
    ].join('\n');
    const { value, diagnostics } = parseOvsVsctlShow(text, 'old.txt');
    expect(value.managers[0]).toMatchObject({ target: 'ptcp:6640', isConnected: true });
    expect(value.bridges[0]!.controllers[0]!.isConnected).toBe(true);
    const iface = value.bridges[0]!.ports[0]!.interfaces[0]!;
    expect(iface).toMatchObject({ name: 'ovn-07e20a-0', type: 'geneve', options: { remote_ip: '192.168.58.100' } });
    expect(iface.attributes.bfd_status).toEqual({ kind: 'map', entries: { diagnostic: 'No Diagnostic', flap_count: '1', forwarding: 'true' } });
    expect(value.ovsVersion).toBe('2.7.3');
    expect(diagnostics).toEqual([]);
  });

  it('reports rows outside their parents and malformed values, and keeps going', () => {
    const text = [
      '    Port orphan',
      '            Interface lost',
      '    Bridge br0',
      '        Port p1',
      '            Interface p1',
      '                options: {peer=',
      '                type: "unterminated',
      '                what is this',
      '            tag: 99999',
      '        Port p2',
      '            Interface p2',
    ].join('\n');
    const { value, diagnostics } = parseOvsVsctlShow(text, 'bad.txt');
    expect(codes(diagnostics)).toEqual([
      'OVS002 warning 1:5', 'OVS002 warning 2:13', 'OVS003 warning 6:32', 'OVS003 warning 7:23', 'OVS001 warning 8:17', 'OVS003 warning 9:13',
    ]);
    expect(value.bridges[0]!.ports.map((p) => p.name)).toEqual(['p1', 'p2']);
    expect(value.bridges[0]!.ports[0]!.interfaces[0]!.attributes.options).toEqual({ kind: 'atom', value: '{peer=', quoted: false });
  });
});
