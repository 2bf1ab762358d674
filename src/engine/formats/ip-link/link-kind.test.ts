import { describe, expect, it } from 'vitest';
import { detailKind, inferKind } from './link-kind';

describe('inferKind', () => {
  it.each([
    ['lo', undefined, [], undefined, 'loopback'],
    ['eth0', { ifindex: 7 }, ['UP'], undefined, 'veth'],
    ['vethbe3ed7b1', { ifindex: 3 }, [], undefined, 'veth'],
    ['veth-server', { name: 'veth-client' }, [], undefined, 'veth'],
    ['eth0.100', { name: 'eth0' }, [], undefined, 'ethernet'],
    ['calie965c96dc90', undefined, [], undefined, 'veth'],
    ['lxc12ab34cd', undefined, [], undefined, 'veth'],
    ['cni0', undefined, [], undefined, 'bridge'],
    ['docker0', undefined, [], undefined, 'bridge'],
    ['br-3cdb1cb92a36', undefined, [], undefined, 'bridge'],
    ['br-int', undefined, [], undefined, 'openvswitch'],
    ['br-ex', undefined, [], undefined, 'openvswitch'],
    ['ovs-system', undefined, [], undefined, 'openvswitch'],
    ['ovn-k8s-mp0', undefined, [], undefined, 'openvswitch'],
    ['tun0', undefined, [], undefined, 'openvswitch'],
    ['tun1', undefined, [], undefined, 'tun'],
    ['flannel.1', undefined, [], undefined, 'vxlan'],
    ['vxlan.calico', undefined, [], undefined, 'vxlan'],
    ['cilium_vxlan', undefined, [], undefined, 'vxlan'],
    ['tunl0', undefined, ['NOARP'], 'ipip', 'ipip'],
    ['genev_sys_6081', undefined, [], undefined, 'geneve'],
    ['kube-ipvs0', undefined, ['BROADCAST', 'NOARP'], undefined, 'dummy'],
    ['nodelocaldns', undefined, [], undefined, 'dummy'],
    ['wg0', undefined, [], 'none', 'unknown'],
    ['ens5', undefined, [], 'ether', 'ethernet'],
  ] as const)('%s → %s', (name, peer, flags, linkType, expected) => {
    expect(inferKind({ name, peer, flags: [...flags], linkType })).toBe(expected);
  });
});

describe('detailKind', () => {
  it('knows modelled, unmodelled and non-kind words', () => {
    expect(detailKind('vxlan')).toEqual({ kind: 'vxlan', modelled: true });
    expect(detailKind('macvlan')).toEqual({ kind: 'unknown', modelled: false });
    expect(detailKind('inet')).toBeNull();
  });
});
