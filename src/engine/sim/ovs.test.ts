/**
 * OVN-Kubernetes across two nodes, laid out as seed 001 shows it: pod veths on br-int, geneve
 * tunnel ports with remote_ip per node, br-ex holding the node address over the physical NIC.
 */
import { describe, expect, it } from 'vitest';
import { buildModel } from '../model/build';
import type { InputFile } from '../model/types';
import { traceHops } from '../trace/minimal';
import { parsePacketSpec } from './packet-spec';
import { simulate } from './simulate';

function node(n: number, nodeIp: string, podNet: string, podIp: string, veth: string, remotes: [string, string][]): InputFile[] {
  const name = `worker${n}`;
  const show = `9cad81c8-d7be-4b18-90e8-03aadd86a8c${n}
    Bridge br-ex
        Port enp131s0f0
            Interface enp131s0f0
                type: system
        Port patch-br-ex_${name}-to-br-int
            Interface patch-br-ex_${name}-to-br-int
                type: patch
                options: {peer=patch-br-int-to-br-ex_${name}}
        Port br-ex
            Interface br-ex
                type: internal
    Bridge br-int
        fail_mode: secure
        datapath_type: system
${remotes.map(([id, ip]) => `        Port ovn-${id}-0
            Interface ovn-${id}-0
                type: geneve
                options: {csum="true", key=flow, remote_ip="${ip}"}`).join('\n')}
        Port br-int
            Interface br-int
                type: internal
        Port "${veth}"
            Interface "${veth}"
        Port ovn-k8s-mp0
            Interface ovn-k8s-mp0
                type: internal
    ovs_version: "2.15.4"
`;
  const addr = `1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN
    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
    inet 127.0.0.1/8 scope host lo
2: enp131s0f0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc mq master ovs-system state UP
    link/ether b4:96:91:3a:0${n}:10 brd ff:ff:ff:ff:ff:ff
4: br-ex: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UNKNOWN
    link/ether b4:96:91:3a:0${n}:10 brd ff:ff:ff:ff:ff:ff
    inet ${nodeIp}/24 brd 50.50.51.255 scope global br-ex
5: ovn-k8s-mp0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1400 qdisc noqueue state UNKNOWN
    link/ether 0a:58:0a:80:0${n}:02 brd ff:ff:ff:ff:ff:ff
    inet ${podNet}.2/23 brd ${podNet}.255 scope global ovn-k8s-mp0
6: genev_sys_6081: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 65000 qdisc noqueue master ovs-system state UNKNOWN
    link/ether 7e:11:22:33:44:0${n} brd ff:ff:ff:ff:ff:ff
7: ${veth}@if3: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1400 qdisc noqueue master ovs-system state UP
    link/ether 6a:00:00:00:0${n}:07 brd ff:ff:ff:ff:ff:ff link-netnsid 0
`;
  const route = `default via 50.50.51.1 dev br-ex
10.128.0.0/14 via ${podNet}.1 dev ovn-k8s-mp0
${podNet}.0/23 dev ovn-k8s-mp0 proto kernel scope link src ${podNet}.2
50.50.51.0/24 dev br-ex proto kernel scope link src ${nodeIp}
`;
  const podAddr = `3: eth0@if7: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1400 qdisc noqueue state UP
    link/ether 0a:58:0a:80:0${n}:05 brd ff:ff:ff:ff:ff:ff link-netnsid 0
    inet ${podIp}/23 brd ${podNet}.255 scope global eth0
`;
  return [
    { name: `${name}/ovs-vsctl.txt`, text: show, node: name },
    { name: `${name}/ip-addr.txt`, text: addr, node: name },
    { name: `${name}/ip-route.txt`, text: route, node: name },
    { name: `${name}/pod/ip-addr.txt`, text: podAddr, node: name, netns: 'pod' },
    { name: `${name}/pod/ip-route.txt`, text: `default via ${podNet}.1 dev eth0\n${podNet}.0/23 dev eth0 proto kernel scope link src ${podIp}\n`, node: name, netns: 'pod' },
  ];
}

const model = buildModel([
  ...node(1, '50.50.51.20', '10.128.2', '10.128.2.5', '83cf7b04f35b763', [['5e8778', '50.50.51.22'], ['f95ec3', '50.50.51.21']]),
  ...node(2, '50.50.51.21', '10.128.4', '10.128.4.7', 'd10af31c1d33dac', [['a1b2c3', '50.50.51.20']]),
]);

describe('OVN-Kubernetes: pod to pod across nodes through geneve', () => {
  const trace = simulate(model, { from: 'worker1/pod', packet: parsePacketSpec('tcp 10.128.2.5:40000 > 10.128.4.7:8080').value! });
  const hops = traceHops(trace);

  it('reads ovs-vsctl show and the OVS devices without errors', () => {
    expect(model.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(model.netns.get('worker1' as never)!.ovs!.config!.bridges.map((b) => b.name)).toEqual(['br-ex', 'br-int']);
  });

  it('enters br-int, takes the geneve port whose remote_ip is worker2, and leaves by br-ex', () => {
    const encap = hops.find((h) => h.hop === 'encap')!;
    expect(encap.place).toMatchObject({ node: 'worker1', iface: 'br-int' });
    expect(encap.after.ip).toMatchObject({ src: '50.50.51.20', dst: '50.50.51.21', proto: 17 });
    expect(encap.after.l4!.dport).toBe(6081);
    expect(encap.after.tunnel).toMatchObject({ kind: 'geneve', overhead: 100 });
    // worker2's address lives on br-ex: the frame arrives on its NIC and br-ex hands it to its internal port.
    expect(hops.filter((h) => h.id.startsWith('request') && h.message.key === 'hop.ovs.out').map((h) => `${h.place.node}:${h.place.iface}`)).toEqual(['worker1:enp131s0f0', 'worker2:br-ex', 'worker2:d10af31c1d33dac']);
  });

  it('is unwrapped by the geneve port of worker2 and delivered to the pod, and says what it assumed', () => {
    const decap = hops.find((h) => h.hop === 'decap')!;
    expect(decap.place).toMatchObject({ node: 'worker2', iface: 'ovn-a1b2c3-0' });
    expect(trace.legs.map((l) => l.verdict)).toEqual(['delivered', 'delivered']);
    expect(hops.find((h) => h.hop === 'deliver')!.place.netns).toBe('worker2/pod');
    expect(trace.assumptions.map((a) => a.key)).toEqual(expect.arrayContaining(['assume.ovsNoFlows', 'assume.ovsTunnelKey']));
  });
});
