/**
 * Topology presets: a Kubernetes node (flannel vxlan + CNI bridge cni0, as in
 * scripts/lab/make-pod-to-clusterip.sh) and a Docker host (docker0, optional user bridge).
 * Addresses and names are fixed so dumps and rule line numbers are the same on every run.
 */
import { createHash } from 'node:crypto';
import type { BridgeDef, PodDef, Topology } from './types';

export const NODE = 'node-1';
export const NODE_IP = '192.168.56.11';
export const EXT_IP = '192.168.56.100';
export const GATEWAY_IP = '192.168.56.1';
export const CLUSTER_CIDR = '10.244.0.0/16';
export const NODE_POD_CIDR = '10.244.1.0/24';

function hex(seed: string, n: number): string {
  return createHash('sha256').update(seed).digest('hex').slice(0, n);
}

/** A locally administered unicast MAC derived from a seed. */
function macFrom(seed: string, first = '02'): string {
  const h = hex(seed, 10);
  return [first, h.slice(0, 2), h.slice(2, 4), h.slice(4, 6), h.slice(6, 8), h.slice(8, 10)].join(':');
}

/** The CNI bridge plugin's pod MAC: 0a:58 + the IPv4 address. */
function cniMac(ip: string): string {
  return ['0a', '58', ...ip.split('.').map((o) => Number(o).toString(16).padStart(2, '0'))].join(':');
}

/** Docker's container MAC: 02:42 + the IPv4 address. */
function dockerMac(ip: string): string {
  return ['02', '42', ...ip.split('.').map((o) => Number(o).toString(16).padStart(2, '0'))].join(':');
}

/** Pods of the Kubernetes preset, by role. */
export const K8S_POD_IPS: Record<string, string> = {
  client: '10.244.1.2',
  'web-1': '10.244.1.5',
  'web-2': '10.244.1.6',
  'web-3': '10.244.1.7',
  db: '10.244.1.9',
};

const nic = { name: 'eth0', cidr: `${NODE_IP}/24`, mac: '08:00:27:5e:a1:3c', gateway: GATEWAY_IP };
const ext = { cidrs: [`${GATEWAY_IP}/24`, `${EXT_IP}/24`], routes: [] as string[], mac: '0a:00:27:00:00:00' };

/**
 * One node of a flannel (vxlan) cluster: eth0 192.168.56.11/24, flannel.1, cni0 10.244.1.1/24,
 * ip_forward=1, route_localnet=1, bridge-nf-call-iptables=1, pods with hairpin on.
 * The outside segment routes 10.244.1.0/24 to the node (a router that knows the pod CIDR).
 */
export function kubernetesNode(pods: string[], opts: { hairpinOff?: string[]; brNetfilter?: boolean } = {}): Topology {
  const bridge: BridgeDef = { name: 'cni0', cidr: '10.244.1.1/24', mac: '9a:52:e3:41:7c:0d', mtu: 1450 };
  return {
    kind: 'kubernetes',
    node: NODE,
    nic,
    ext: { ...ext, routes: [`${NODE_POD_CIDR} via ${NODE_IP}`] },
    flannel: true,
    bridges: [bridge],
    pods: pods.map((role): PodDef => {
      const ip = K8S_POD_IPS[role];
      if (!ip) throw new Error(`kubernetesNode: no address for pod ${role}`);
      return {
        role, bridge: 'cni0', ip, prefix: 24, gw: '10.244.1.1', hostIf: `veth${hex(`host-if-${role}`, 8)}`,
        hostMac: macFrom(`host-mac-${role}`, 'ae'), mac: cniMac(ip), mtu: 1450, hairpin: !(opts.hairpinOff ?? []).includes(role), routes: [CLUSTER_CIDR],
      };
    }),
    sysctls: [['net.ipv4.ip_forward', '1'], ['net.ipv4.conf.all.route_localnet', '1']],
    brNetfilter: opts.brNetfilter ?? true,
  };
}

export const DOCKER_BRIDGE2 = 'br-5c3a1f2e9b7d';

/** Containers of the Docker preset, by role: c1, c2 on docker0, c3 on the user bridge. */
export const DOCKER_CONTAINERS: Record<string, { ip: string; bridge: string }> = {
  c1: { ip: '172.17.0.2', bridge: 'docker0' },
  c2: { ip: '172.17.0.3', bridge: 'docker0' },
  c3: { ip: '172.18.0.2', bridge: DOCKER_BRIDGE2 },
};

/**
 * A Docker host: eth0 192.168.56.11/24, docker0 172.17.0.1/16 and, when a container needs it,
 * the user bridge br-5c3a1f2e9b7d 172.18.0.1/16; ports with hairpin off (Docker's default with
 * the userland proxy), ip_forward=1, bridge-nf-call-iptables=1 (dockerd loads br_netfilter).
 */
export function dockerHost(containers: string[]): Topology {
  const bridges: BridgeDef[] = [{ name: 'docker0', cidr: '172.17.0.1/16', mac: '02:42:5f:3a:8c:11', mtu: 1500 }];
  if (containers.some((c) => DOCKER_CONTAINERS[c]?.bridge === DOCKER_BRIDGE2)) {
    bridges.push({ name: DOCKER_BRIDGE2, cidr: '172.18.0.1/16', mac: '02:42:9b:71:d4:2e', mtu: 1500 });
  }
  return {
    kind: 'docker',
    node: NODE,
    nic,
    ext: { ...ext },
    flannel: false,
    bridges,
    pods: containers.map((role): PodDef => {
      const c = DOCKER_CONTAINERS[role];
      if (!c) throw new Error(`dockerHost: no container ${role}`);
      const gw = c.bridge === 'docker0' ? '172.17.0.1' : '172.18.0.1';
      return {
        role, bridge: c.bridge, ip: c.ip, prefix: 16, gw, hostIf: `veth${hex(`docker-if-${role}`, 7)}`,
        hostMac: macFrom(`docker-host-mac-${role}`, '6e'), mac: dockerMac(c.ip), mtu: 1500, hairpin: false, routes: [],
      };
    }),
    sysctls: [['net.ipv4.ip_forward', '1']],
    brNetfilter: true,
  };
}

/** The address a role sends from by default. */
export function addressOf(topo: Topology, role: string): string {
  if (role === 'ext') return EXT_IP;
  if (role === topo.node) return NODE_IP;
  const pod = topo.pods.find((p) => p.role === role);
  if (!pod) throw new Error(`no role ${role} in the topology`);
  return pod.ip;
}

function q(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** The kernel-lib.sh calls that build the topology (see scripts/lab/kernel-lib.sh). */
export function buildCommands(topo: Topology): string[] {
  const n = q(topo.node);
  const out: string[] = [];
  out.push(`kc_ns ${n}`, 'kc_ns ext');
  // The underlay: the node's NIC is a veth whose peer (ext0) holds the gateway and the outside client.
  out.push(`kc_veth ext ext0 ${n} ${q(topo.nic.name)} 1500 ${q(topo.ext.mac)} ${q(topo.nic.mac)}`);
  for (const c of topo.ext.cidrs) out.push(`kc_ip ext addr add ${q(c)} dev ext0`);
  out.push('kc_ip ext link set ext0 up');
  for (const r of topo.ext.routes) out.push(`kc_ip ext route add ${r}`);
  out.push(`kc_ip ${n} addr add ${q(topo.nic.cidr)} dev ${q(topo.nic.name)}`);
  // A NIC's root qdisc (fq_codel where the kernel has it, else pfifo_fast); a veth has none.
  out.push(`kc_exec ${n} tc qdisc replace dev ${q(topo.nic.name)} root fq_codel 2>/dev/null || kc_exec ${n} tc qdisc replace dev ${q(topo.nic.name)} root pfifo_fast || true`);
  out.push(`kc_ip ${n} link set ${q(topo.nic.name)} up`);
  out.push(`kc_ip ${n} route add default via ${q(topo.nic.gateway)} dev ${q(topo.nic.name)}`);
  if (topo.flannel) {
    out.push(`lab_vxlan_add "$(kc_ns_name ${n})" flannel.1 1 ${NODE_IP} ${q(topo.nic.name)} 8472 1450 6e:3a:1f:c4:92:07 10.244.1.0/32`);
    out.push(`lab_vxlan_peer "$(kc_ns_name ${n})" flannel.1 a2:7f:3b:e0:14:9d 192.168.56.10 10.244.0.0 10.244.0.0/24`);
    out.push(`lab_vxlan_peer "$(kc_ns_name ${n})" flannel.1 f6:0c:85:2d:a7:31 192.168.56.12 10.244.2.0 10.244.2.0/24`);
  }
  for (const [k, v] of topo.sysctls) out.push(`kc_sysctl ${n} ${q(k)} ${q(v)}`);
  out.push(`kc_br_netfilter ${n} ${topo.brNetfilter ? 1 : 0}`);
  for (const b of topo.bridges) out.push(`kc_bridge ${n} ${q(b.name)} ${q(b.cidr)} ${b.mtu} ${q(b.mac)}`);
  for (const p of topo.pods) {
    out.push(`kc_pod ${n} ${q(p.bridge)} ${q(p.role)} ${q(p.hostIf)} ${q(`${p.ip}/${p.prefix}`)} ${q(p.gw)} ${p.mtu} ${q(p.hostMac)} ${q(p.mac)} ${p.hairpin ? 'on' : 'off'} ${p.routes.map(q).join(' ')}`.trimEnd());
  }
  return out;
}

export { q as shellQuote };
