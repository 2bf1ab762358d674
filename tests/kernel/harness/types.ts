/**
 * The shapes of the kernel conformance suite: a case (topology, rules, packet, what the kernel
 * is expected to do), and what the kernel and the engine each report about it.
 */
import type { SimSettings } from '../../../src/engine/index';

export type Proto = 'tcp' | 'udp';

/** The outcome of the request packet, in the terms both sides can be compared in. */
export type Outcome = 'delivered' | 'dropped' | 'rejected';

/** A Linux bridge in the node (cni0, docker0, br-...). */
export interface BridgeDef {
  name: string;
  cidr: string;
  mac: string;
  mtu: number;
}

/** A pod or container: its own netns, eth0 on a veth whose host end is a port of `bridge`. */
export interface PodDef {
  role: string;
  bridge: string;
  ip: string;
  prefix: number;
  gw: string;
  hostIf: string;
  hostMac: string;
  mac: string;
  mtu: number;
  /** `hairpin on` on the bridge port (the CNI bridge plugin's hairpinMode; Docker leaves it off). */
  hairpin: boolean;
  /** Extra routes via the gateway (host-local IPAM routes). */
  routes: string[];
}

/**
 * The namespaces of a case: one node (root netns of a Kubernetes or Docker host, role = `node`),
 * its pods or containers on bridges, and `ext`, the underlay segment on the node's NIC
 * (gateway and an outside client), which is never given to the engine.
 */
export interface Topology {
  kind: 'kubernetes' | 'docker';
  /** The engine's node name, and the role of the node's netns in the lab. */
  node: string;
  nic: { name: string; cidr: string; mac: string; gateway: string };
  ext: { cidrs: string[]; routes: string[]; mac: string };
  /** flanneld's vxlan device and its two peers (Kubernetes topology). */
  flannel: boolean;
  bridges: BridgeDef[];
  pods: PodDef[];
  sysctls: [string, string][];
  /** net.bridge.bridge-nf-call-iptables in the node. */
  brNetfilter: boolean;
}

export interface SendSpec {
  /** `ext` (outside client on the underlay), the node's role (a local process), or a pod role. */
  from: string;
  proto: Proto;
  src: string;
  sport: number;
  dst: string;
  dport: number;
}

export type RejectKind = 'icmp-port-unreachable' | 'icmp-host-unreachable' | 'icmp-net-unreachable' | 'icmp-host-prohibited' | 'icmp-net-prohibited' | 'icmp-admin-prohibited' | 'tcp-reset';

export interface KernelCase {
  /** File name without .ts; also the results folder name. */
  name: string;
  /** One line: what the case exercises. */
  title: string;
  topology: Topology;
  /** iptables-restore input loaded into the node. */
  rules: string;
  /** `ipset restore` input loaded into the node before the rules; its `ipset save` is given to the engine. */
  ipsets?: string;
  /**
   * Extra lab steps after the topology, as kernel-lib.sh lines (e.g.
   * `kc_ip node-1 rule add fwmark 0x100/0x100 lookup 100`, `kc_ip web-1 addr add 10.250.0.5/32 dev lo`).
   */
  setup?: string[];
  /** Dump the node's `ip rule` and `ip route show table all` (instead of `ip route`) for policy routing. */
  policyRouting?: boolean;
  /** Receivers: role → listen specs (`tcp:8080`, `udp:53`). A receiver's name is its role. */
  listeners: { role: string; ports: string[] }[];
  send: SendSpec;
  /**
   * What the kernel must do for the case to be meaningful (checked before the engine is compared):
   * a case meant to show a DROP that the kernel delivers is a broken lab, not an engine bug.
   */
  expectKernel: { outcome: Outcome; at?: string; rejectWith?: RejectKind };
  /** Also run the CLI (`hopscope trace DIR --json`) and compare its JSON the same way. */
  cli?: boolean;
  /** After the traced packet, this many TCP connections from ephemeral ports: the endpoint counts must fit the engine's branch probabilities. */
  distribution?: { connections: number };
  /** Engine settings no dump shows (e.g. bridge-nf-call-iptables), matching the lab. */
  settings?: Partial<SimSettings>;
}

export interface Endpoint4 {
  src: string;
  sport: number;
  dst: string;
  dport: number;
}

export interface KernelObservation {
  /** Matched rules of the request packet in the node, as `CHAIN:LINE` of its iptables-save dump. */
  rules: string[];
  /** The mapped trace lines (base chains, rules, policies), for messages. */
  traceLines: string[];
  outcome: Outcome;
  /** The receiver role that got the packet. */
  at: string | null;
  /** What the receiver saw: src = peer, dst = its local address. */
  seen: Endpoint4 | null;
  conntrack: { orig: Endpoint4; reply: Endpoint4; line: string } | null;
  rejectWith: RejectKind | null;
  /** IP TTL of the request in the last base chain the node's trace shows (not asserted; see notes). */
  lastTtl: number | null;
  capture: string[];
  client: { result: string; code: string | null; reply: string; local: string | null };
  many?: { counts: Record<string, number>; failures: number };
  /** Folder with the dumps (and a scenario.yaml for the CLI). */
  dumpsDir: string;
  outDir: string;
  seconds: number;
}

export interface EngineObservation {
  via: 'api' | 'cli';
  rules: string[];
  ruleTexts: string[];
  /** delivered/dropped/rejected, or the engine's own verdict when it is none of these. */
  outcome: string;
  at: string | null;
  final: Endpoint4 | null;
  rejectWith: string | null;
  /** TTL of the request when it last left a hook in the node (not asserted; see notes). */
  lastTtl: number | null;
  /** The engine says the kernel picks a random source port (MASQUERADE --random-fully). */
  randomPort: boolean;
  choices: Record<string, string>;
  errors: string[];
}
