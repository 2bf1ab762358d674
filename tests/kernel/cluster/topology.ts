/**
 * The cluster of the cross-node cases: the colleague's three-node flannel (vxlan) lab
 * (scripts/lab/cluster, README there) with the same addresses, MACs, interface names and
 * containerd netns names, built in namespaces named hkc-<owner pid>-<role>. Roles: `underlay`
 * (the switch), `node-0..2`, the pods by name, `outside` (a client on the underlay).
 */

export interface ClusterNode {
  name: string;
  idx: number;
  ip: string;
  mac: string;
  vtepMac: string;
  cniMac: string;
  swPort: string;
}

export interface ClusterPod {
  name: string;
  node: string;
  ip: string;
  mac: string;
  hostIf: string;
  hostMac: string;
  /** containerd's netns name (only inside the dumps' /run/netns view). */
  uuid: string;
}

export const GATEWAY = '192.168.56.1';
export const GATEWAY_MAC = '0a:00:27:00:00:00';
export const SWITCH = 'br0';
export const VXLAN_PORT = 8472;
export const VNI = 1;
export const CLUSTER_CIDR = '10.244.0.0/16';

export const NODES: ClusterNode[] = [
  { name: 'node-0', idx: 0, ip: '192.168.56.10', mac: '08:00:27:b1:7e:52', vtepMac: 'a2:7f:3b:e0:14:9d', cniMac: 'd6:2b:90:5e:11:c8', swPort: 'sw-node-0' },
  { name: 'node-1', idx: 1, ip: '192.168.56.11', mac: '08:00:27:5e:a1:3c', vtepMac: '6e:3a:1f:c4:92:07', cniMac: '9a:52:e3:41:7c:0d', swPort: 'sw-node-1' },
  { name: 'node-2', idx: 2, ip: '192.168.56.12', mac: '08:00:27:c4:3d:9a', vtepMac: 'f6:0c:85:2d:a7:31', cniMac: '3e:a4:71:0b:d9:56', swPort: 'sw-node-2' },
];

/** In creation order per node, as make-cluster.sh creates them (same host veth ifindexes). */
export const PODS: ClusterPod[] = [
  { name: 'coredns-1', node: 'node-0', ip: '10.244.0.2', mac: '6a:d4:2f:85:b0:3c', hostIf: 'veth91d3a7e4', hostMac: '52:6e:0a:f3:88:21', uuid: 'cni-2b9c4e71-58d0-4f3a-a6e2-0c7d19b5f843' },
  { name: 'coredns-2', node: 'node-0', ip: '10.244.0.3', mac: '9e:83:c1:2a:f7:05', hostIf: 'vethc27f05b8', hostMac: 'e2:17:9b:4d:60:ae', uuid: 'cni-a0f61d93-7c25-4e8b-91d4-e5b28c3f6a17' },
  { name: 'client', node: 'node-1', ip: '10.244.1.2', mac: '2a:6f:d0:13:b8:59', hostIf: 'veth3a9f1c2e', hostMac: '5e:c8:2b:91:0e:47', uuid: 'cni-3f1c2a9e-6b7d-4e85-a1f0-9c2d4b6e8a71' },
  { name: 'web-1', node: 'node-1', ip: '10.244.1.5', mac: '8e:04:5a:c7:f1:2d', hostIf: 'veth7d04b6a1', hostMac: 'b6:1d:74:e9:25:c3', uuid: 'cni-8a4e7d21-0c5b-4f39-b6e2-1d7a9f3c5e04' },
  { name: 'web-2', node: 'node-1', ip: '10.244.1.6', mac: '12:e7:9c:40:5b:a8', hostIf: 'vethe25c8f93', hostMac: 'ce:93:08:b2:6d:71', uuid: 'cni-c51b9f36-2e8a-4d17-9b4c-6f0e3a8d2b95' },
  { name: 'api-1', node: 'node-2', ip: '10.244.2.7', mac: 'ae:35:60:9b:17:e2', hostIf: 'veth4c8e21b7', hostMac: '7a:91:3e:c2:05:d4', uuid: 'cni-5d2e8f14-93a7-4c6b-b0e1-7f4a2c9d8e35' },
  { name: 'api-2', node: 'node-2', ip: '10.244.2.8', mac: '4e:c0:d7:28:93:b1', hostIf: 'vethb913f6a0', hostMac: '86:2d:c5:74:e0:19', uuid: 'cni-e7b3a052-1f6d-4a89-9c24-3b8d6e0f71a4' },
];

export const OUTSIDE = { name: 'outside', ip: '192.168.56.100', mac: '08:00:27:e8:19:6f', swPort: 'sw-outside' };

/** Receivers, started once for the whole file: every place a packet could end up. */
export const LISTENERS: { role: string; specs: string[] }[] = [
  { role: 'api-1', specs: ['tcp:8080'] },
  { role: 'api-2', specs: ['tcp:8080'] },
  { role: 'web-1', specs: ['tcp:8080'] },
  { role: 'web-2', specs: ['tcp:8080'] },
  { role: 'coredns-1', specs: ['udp:53', 'tcp:53'] },
  { role: 'coredns-2', specs: ['udp:53', 'tcp:53'] },
  { role: 'outside', specs: ['tcp:8080'] },
  // a hostNetwork process on node-2 (kubelet's port)
  { role: 'node-2', specs: ['tcp:10250'] },
];

export function nodeByName(name: string): ClusterNode {
  const n = NODES.find((x) => x.name === name);
  if (!n) throw new Error(`no node ${name}`);
  return n;
}

export function podByName(name: string): ClusterPod | undefined {
  return PODS.find((p) => p.name === name);
}

export function isNode(role: string): boolean {
  return NODES.some((n) => n.name === role);
}

/** The engine's namespace id of a role: `node-1`, `node-2/api-1`, `outside`. */
export function engineNetns(role: string): string {
  const pod = podByName(role);
  return pod ? `${pod.node}/${pod.name}` : role;
}

/** The role of an engine namespace id (inverse of engineNetns). */
export function roleOfNetns(id: string): string {
  const i = id.indexOf('/');
  return i < 0 ? id : id.slice(i + 1);
}

export function q(s: string | number): string {
  return `'${String(s).replace(/'/g, `'\\''`)}'`;
}

/** flanneld's flannel.1 on a node and its entries for every other node (lib.sh lab_vxlan_add / lab_vxlan_peer). */
export function flannelCommands(node: ClusterNode, vni = VNI): string[] {
  const out = [`lab_vxlan_add "$(hkc_ns ${node.name})" flannel.1 ${vni} ${node.ip} eth0 ${VXLAN_PORT} 1450 ${node.vtepMac} 10.244.${node.idx}.0/32`];
  for (const m of NODES) {
    if (m.name === node.name) continue;
    out.push(`lab_vxlan_peer "$(hkc_ns ${node.name})" flannel.1 ${m.vtepMac} ${m.ip} 10.244.${m.idx}.0 10.244.${m.idx}.0/24`);
  }
  return out;
}

/** The kernel-side script lines that build the whole cluster (as make-cluster.sh's build_lab does). */
export function buildCommands(): string[] {
  const out: string[] = [];
  out.push(`CL_UNDERLAY="$(hkc_ns underlay)"`, `CL_GATEWAY=${GATEWAY}`);
  out.push(`cl_underlay_add "$CL_UNDERLAY" ${SWITCH} ${GATEWAY}/24 ${GATEWAY_MAC}`);
  for (const n of NODES) {
    out.push(`cl_node_add "$(hkc_ns ${n.name})" ${n.swPort} ${SWITCH} ${n.ip}/24 ${n.mac}`);
    out.push(flannelCommands(n)[0]!);
  }
  for (const n of NODES) out.push(...flannelCommands(n).slice(1));
  for (const n of NODES) out.push(`lab_bridge_add "$(hkc_ns ${n.name})" cni0 10.244.${n.idx}.1/24 1450 ${n.cniMac}`);
  for (const p of PODS) {
    const n = nodeByName(p.node);
    out.push(`lab_pod_add "$(hkc_ns ${n.name})" cni0 "$(hkc_ns ${p.name})" ${p.hostIf} ${p.ip}/24 10.244.${n.idx}.1 1450 ${p.hostMac} ${p.mac} ${CLUSTER_CIDR}`);
  }
  out.push(`cl_host_add "$(hkc_ns outside)" ${OUTSIDE.swPort} ${SWITCH} ${OUTSIDE.ip}/24 ${OUTSIDE.mac}`);
  for (const n of NODES) out.push(`ip netns exec "$(hkc_ns ${n.name})" iptables-restore <"$HKC_REPO/scripts/lab/cluster/${n.name}.rules"`);
  const all = ['underlay', ...NODES.map((n) => n.name), ...PODS.map((p) => p.name), 'outside'];
  out.push(`lab_wait_dad ${all.map((r) => `"$(hkc_ns ${r})"`).join(' ')}`);
  return out;
}

/** The node's pods under their containerd names, for cl_exec_view. */
export function viewMap(node: string): string {
  return PODS.filter((p) => p.node === node).map((p) => `$(hkc_ns ${p.name})=${p.uuid}`).join(' ');
}

/** Warm-up: every node resolves the other nodes and its own pods; the outside client the nodes. */
export function warmUpCommands(): string[] {
  const out: string[] = [];
  for (const n of NODES) {
    for (const m of NODES) if (m !== n) out.push(`hkc_resolve "$(hkc_ns ${n.name})" ${m.ip}`);
    for (const p of PODS.filter((x) => x.node === n.name)) out.push(`hkc_resolve "$(hkc_ns ${n.name})" ${p.ip}`);
    out.push(`hkc_resolve "$(hkc_ns outside)" ${n.ip}`);
  }
  return out;
}
