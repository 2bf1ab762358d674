import { describe, expect, it } from 'vitest';
import { buildModel } from '../model/build';
import { readScenario } from '../testing/scenario-files';
import { buildTopology } from './build';

const topologyOf = (id: string) => buildTopology(buildModel(readScenario(id).inputs));
const linksOf = (id: string, kind: string) => topologyOf(id).links.filter((l) => l.kind === kind).map((l) => `${l.a} ~ ${l.b}`);

describe('topology', () => {
  it('draws Open vSwitch bridges as bridges, with their ports attached to them, not to ovs-system', () => {
    const topo = topologyOf('openshift-sdn');
    const br0 = topo.ifaces.find((i) => i.id === 'worker-1:ovs:br0')!;
    expect(br0).toMatchObject({ kind: 'bridge', ovs: { role: 'bridge' } });
    const ports = topo.links.filter((l) => l.kind === 'bridge-port' && l.b === br0.id).map((l) => l.a);
    expect(ports.sort()).toEqual(['worker-1:tun0', 'worker-1:vethc1a2b3c4', 'worker-1:vxlan0']);
    expect(topo.links.some((l) => l.b === 'worker-1:ovs-system')).toBe(false);
    expect(topo.ifaces.find((i) => i.id === 'worker-1:vxlan0')).toMatchObject({ kind: 'vxlan', ovs: { role: 'port', type: 'vxlan', remoteIp: 'flow' } });
  });

  it('joins tunnels to the node their flows, FDB or remote_ip name, and uplinks on one subnet', () => {
    expect(linksOf('openshift-sdn', 'tunnel')).toEqual(['worker-1:vxlan0 ~ worker-2:vxlan0']);
    expect(linksOf('openshift-sdn', 'underlay')).toEqual(['worker-1:ens3 ~ worker-2:ens3']);
    expect(linksOf('pod-to-pod-vxlan', 'tunnel')).toEqual(['node-1:flannel.1 ~ node-2:flannel.1']);
    // OVN: geneve ports by remote_ip; the node address is on br-ex; br-int and br-ex joined by patch ports.
    expect(linksOf('ovn-geneve', 'tunnel')).toEqual(['worker1.twcm.cloud:ovn-f95ec3-0 ~ worker2.twcm.cloud:ovn-1b2c3d-0']);
    expect(linksOf('ovn-geneve', 'underlay')).toEqual(['worker1.twcm.cloud:br-ex ~ worker2.twcm.cloud:br-ex']);
    expect(linksOf('ovn-geneve', 'patch')).toHaveLength(2);
  });
});
