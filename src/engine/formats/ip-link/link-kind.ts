/**
 * Interface kinds: read from `ip -d`'s detail line when there is one, otherwise guessed from
 * the name, the `@peer` and the flags, following the names CNIs and kube-proxy really use.
 */
import type { Link, LinkKind } from './types';

/** Detail-line kinds we model, by the word iproute2 prints (`print_linktype`). */
const DETAIL_KINDS: Readonly<Record<string, LinkKind>> = {
  veth: 'veth', bridge: 'bridge', vxlan: 'vxlan', geneve: 'geneve', ipip: 'ipip', dummy: 'dummy',
  tun: 'tun', openvswitch: 'openvswitch',
};

/** Other kinds `ip -d` prints; kept as 'unknown' (the simulator does not model them). */
const OTHER_DETAIL_KINDS = new Set([
  'vlan', 'macvlan', 'macvtap', 'ipvlan', 'ipvtap', 'bond', 'team', 'gre', 'gretap', 'ip6gre',
  'ip6gretap', 'ip6tnl', 'sit', 'vti', 'vti6', 'wireguard', 'vrf', 'nlmon', 'ifb', 'netkit', 'xfrm',
  'erspan', 'ip6erspan', 'bareudp', 'can', 'vcan', 'vxcan', 'hsr', 'macsec', 'ipoib', 'amt', 'gtp',
  'rmnet', 'virt_wifi', 'batadv', 'lowpan', 'netdevsim', 'dsa', 'wwan',
]);

/** What the first word of a `-d` line says about the kind, if it is a kind line at all. */
export function detailKind(word: string): { kind: LinkKind; modelled: boolean } | null {
  const kind = DETAIL_KINDS[word];
  if (kind) return { kind, modelled: true };
  if (OTHER_DETAIL_KINDS.has(word)) return { kind: 'unknown', modelled: false };
  return null;
}

// OVS internal ports: bridges of OVN-Kubernetes / OpenStack, the datapath, OVN-K's management
// port, and OpenShift SDN's tun0 (an internal port, not a tun device).
const OVS_NAMES = new Set(['ovs-system', 'br-int', 'br-ex', 'br-local', 'br-tun', 'br-phy', 'tun0']);
const BRIDGE_NAMES = new Set(['cni0', 'docker0', 'cbr0', 'kube-bridge', 'lxcbr0', 'lxdbr0', 'weave', 'podman0']);
// Host ends of pod veths: bridge CNI, Calico, Cilium, Azure CNI, AWS VPC CNI, Weave, Antrea.
const VETH_PREFIXES = ['veth', 'cali', 'lxc', 'azv', 'eni', 'vethwe', 'antrea-'];

/**
 * Guesses a kind from what a plain `ip addr`, `ip -br` or ifconfig shows.
 *
 * @example inferKind({ name: 'flannel.1', flags: [] }) // 'vxlan'
 */
export function inferKind(input: {
  name: string;
  peer?: Link['peer'];
  flags: readonly string[];
  linkType?: string;
}): LinkKind {
  const { name, peer, flags, linkType } = input;
  if (name === 'lo' || flags.includes('LOOPBACK') || linkType === 'loopback') return 'loopback';
  if (OVS_NAMES.has(name) || name.startsWith('ovn-k8s-mp')) return 'openvswitch';
  if (name.startsWith('genev_sys_') || name === 'cilium_geneve') return 'geneve';
  if (name.startsWith('vxlan') || name.startsWith('flannel.') || name === 'cilium_vxlan'
    || name === 'vxlan.calico' || name === 'vxlan-v6.calico') return 'vxlan';
  if (name === 'tunl0' || linkType === 'ipip') return 'ipip';
  if (name === 'kube-ipvs0' || name === 'nodelocaldns' || name.startsWith('dummy')) return 'dummy';
  if (BRIDGE_NAMES.has(name) || name.startsWith('br-') || name.startsWith('virbr')
    || name.startsWith('cni-podman') || /^br\d+$/.test(name) || name.startsWith('bridge')) return 'bridge';
  // An `@ifN` peer lives in another namespace: almost always the other end of a veth.
  if (peer?.ifindex !== undefined) return 'veth';
  if (peer?.name !== undefined) {
    // `eth0.100@eth0` (VLAN) and `macvlan0@eth0` name their lower device, not a veth peer.
    if (name.includes('.') || name.startsWith('macvlan') || name.startsWith('ipvlan')) return 'ethernet';
    return 'veth';
  }
  if (VETH_PREFIXES.some((p) => name.startsWith(p)) || name === 'cilium_host' || name === 'cilium_net') return 'veth';
  if (name.startsWith('wg') || name === 'flannel-wg' || name === 'cilium_wg0') return 'unknown'; // WireGuard
  if (/^(tun|tap)\d+$/.test(name) || linkType === 'none') return 'tun';
  return 'ethernet';
}
