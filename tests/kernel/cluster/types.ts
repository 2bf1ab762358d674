/**
 * The shapes of the cross-node cases: a case (packet, setup, what the kernel must do), and what
 * the kernel and the engine each report about it, per node.
 */

export type Proto = 'tcp' | 'udp';
export type Outcome = 'delivered' | 'dropped' | 'rejected';

export interface ClusterCase {
  /** File name without .ts; also the results folder name. */
  name: string;
  /** One line: what the case exercises. */
  title: string;
  send: {
    /** A pod name, a node name (a hostNetwork process) or `outside` (the client on the underlay). */
    from: string;
    proto: Proto;
    /** Source address; absent: the kernel (and the engine) choose it (source address selection). */
    src?: string;
    sport: number;
    dst: string;
    dport: number;
  };
  /** kube-proxy picks an endpoint at random: repeat the traced attempt until this receiver got it. */
  want?: string;
  /** What the kernel must do for the case to mean anything (else: LAB PROBLEM, not an engine verdict). */
  expectKernel: { outcome: Outcome; at?: string };
  /**
   * Extra Services (scripts/lab/cluster/gen-rules.sh SERVICES format): every node's rules are
   * regenerated with them and loaded with iptables-restore (as kube-proxy would), and the
   * committed node-N.rules are restored afterwards.
   */
  extraServices?: string[];
  /** Lab steps before the packet (cluster-lib.sh / lib.sh lines), and their undo (also run when the case fails). */
  setup?: string[];
  restore?: string[];
  /** Why the case exists / what the kernel does, for the report. */
  about?: string;
}

export interface Endpoint4 {
  src: string;
  sport: number;
  dst: string;
  dport: number;
}

/** A frame on the underlay: plain IPv4, or VXLAN with outer and inner headers. */
export interface Frame {
  vxlan: { src: string; dst: string; dport: number; vni: number } | null;
  /** The plain packet, or the inner packet of a VXLAN frame. */
  pkt: Endpoint4;
}

export interface CtTuple {
  proto: Proto;
  orig: Endpoint4;
  reply: Endpoint4;
}

export interface KernelObservation {
  outcome: Outcome;
  /** The receiver role that got the request. */
  at: string | null;
  /** What the receiver saw: src = peer, dst = its local address. */
  seen: Endpoint4 | null;
  rejectWith: string | null;
  /** Per node: the request's matched rules (inner and outer packets), `CHAIN:LINE` of that node's iptables-save. */
  rules: Record<string, string[]>;
  ruleTexts: Record<string, string[]>;
  /** Per node: one line per hook the request passed (packet as that hook saw it). */
  path: Record<string, string[]>;
  replyRules: Record<string, string[]>;
  /** Per node: the output interfaces of the request's packets (inner and outer) in POSTROUTING, from the trace's `oif`. */
  postrouting: Record<string, string[]>;
  /** The same for the reply's packets. */
  replyPostrouting: Record<string, string[]>;
  /** The request's frames on the underlay, in capture order. */
  frames: Frame[];
  /** The reply as the client received it. */
  reply: Endpoint4 | null;
  /** conntrack -L per node (TCP/UDP entries of the lab's traffic). */
  conntrack: Record<string, CtTuple[]>;
  client: { result: string; code: string | null; reply: string; local: string | null };
  attempts: number;
  dir: string;
  dumpsDir: string;
  seconds: number;
}

export interface EngineObservation {
  choices: Record<string, string>;
  probability: number;
  /** delivered / dropped / rejected, or the engine's own verdict when it is none of these. */
  outcome: string;
  at: string | null;
  final: Endpoint4 | null;
  /** Where and why the request leg ended, in the engine's words. */
  ending: string;
  rules: Record<string, string[]>;
  ruleTexts: Record<string, string[]>;
  replyRules: Record<string, string[]>;
  /** Per node: the interfaces of the request leg's POSTROUTING hops (`place.iface`). */
  postrouting: Record<string, string[]>;
  replyPostrouting: Record<string, string[]>;
  frames: Frame[];
  reply: { outcome: string; at: string | null; final: Endpoint4 | null } | null;
  conntrack: Record<string, CtTuple[]>;
  /** The engine says the kernel picks a random source port (MASQUERADE --random-fully). */
  randomPort: boolean;
  assumptions: string[];
  errors: string[];
}
