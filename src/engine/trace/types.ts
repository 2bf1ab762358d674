/**
 * A trace is a tree built while simulating (after OVN's ovn-trace): legs (request, reply) hold
 * hops in the order the packet lives them, and each hop holds the details that decided it:
 * rules evaluated, route lookups, rewrites, branches, assumptions and errors. Every view is a
 * projection of this one tree (see `timeline.ts`, `minimal.ts`).
 */
import type { SourceSpan } from '../diagnostics';
import type { Msg } from '../explain/message';
import type { TableName } from '../formats/iptables/types';
import type { NetnsId } from '../model/types';
import type { FieldChange, Packet } from './packet';

export type Hook = 'PREROUTING' | 'INPUT' | 'FORWARD' | 'OUTPUT' | 'POSTROUTING';

/** Where the packet is. */
export interface Place {
  node: string;
  netns: NetnsId;
  /** "" for a node's root namespace. */
  netnsName: string;
  iface?: string;
  hook?: Hook;
  /** An iptables table, or an nftables table as "family name". */
  table?: TableName | (string & {});
  chain?: string;
  /** The jump stack below `chain`, outermost first (built-in chain first). */
  stack?: string[];
}

/** A pointer from the trace into a dump: the exact rule or route line that decided. */
export interface RuleRef {
  id: string;
  /** An iptables table, an nftables table name, or "ipvs". */
  table: TableName | (string & {});
  chain: string;
  position: number;
  text: string;
  target: string | null;
  span: SourceSpan;
}

export type HopKind =
  | 'originate' // a socket sends the packet
  | 'route' // a routing decision
  | 'chain' // one netfilter chain evaluated
  | 'conntrack' // conntrack looked the packet up or applied recorded NAT
  | 'egress' // the packet leaves through an interface
  | 'veth' // it crosses a veth pair into the peer namespace
  | 'wire' // it crosses the network between nodes (the underlay)
  | 'encap' // a tunnel device wraps it in an outer packet
  | 'decap' // a tunnel device unwraps it
  | 'ipvs' // IPVS picks a real server for a virtual service
  | 'bridge' // a Linux bridge decides: up to its host, or out of a port
  | 'ingress' // it arrives on an interface
  | 'deliver' // a local socket receives it
  | 'drop'; // it dies here (DROP, REJECT, no route, ...)

export type Verdict = 'delivered' | 'forwarded' | 'dropped' | 'rejected' | 'unroutable' | 'incomplete';

export interface RuleNode {
  kind: 'rule';
  rule: RuleRef;
  matched: boolean;
  /** For a rule that did not match: which match failed and why. */
  failed?: { matchIndex: number; text: string; reason: Msg };
  /** Matches the simulator cannot evaluate; it assumed they matched (said in `assumption`). */
  notSimulated?: string[];
}

export interface RouteNode {
  kind: 'route';
  netns: NetnsId;
  /** The route that won, or null for "no route". */
  route: { text: string; span: SourceSpan; table: string } | null;
  result: 'local' | 'forward' | 'output' | 'blackhole' | 'unreachable' | 'prohibit' | 'none';
  via?: string;
  dev?: string;
  src?: string;
}

export interface ModifyNode {
  kind: 'modify';
  changes: FieldChange[];
  /** The rule or mechanism that made the change. */
  by: Msg;
}

export interface BranchOption {
  /** The value a `choices` entry takes to follow this option. */
  value: string;
  label: string;
  probability: number;
}

/** A fork in the path (kube-proxy's random endpoint, ...). `choices[key] = value` picks an option. */
export interface BranchNode {
  kind: 'branch';
  key: string;
  options: BranchOption[];
  chosen: string;
  /** True when no choice was given and the documented default was taken. */
  defaulted: boolean;
}

export interface AssumptionNode {
  kind: 'assumption';
  message: Msg;
}

export interface ErrorNode {
  kind: 'error';
  message: Msg;
}

export type DetailNode = RuleNode | RouteNode | ModifyNode | BranchNode | AssumptionNode | ErrorNode;

export interface HopNode {
  kind: 'hop';
  /** Stable within a trace: `leg-index`, e.g. "request-7". */
  id: string;
  hop: HopKind;
  place: Place;
  before: Packet;
  after: Packet;
  /** The plain-language sentence for this hop. */
  message: Msg;
  /** The rule that decided this hop, when one did. */
  decidedBy?: RuleRef;
  children: DetailNode[];
}

/** The first packet of a connection, its reply, and a later packet of the same connection. */
export type LegKind = 'request' | 'reply' | 'later';

export interface LegNode {
  kind: 'leg';
  leg: LegKind;
  hops: HopNode[];
  verdict: Verdict;
  verdictMessage: Msg;
}

export interface Trace {
  legs: LegNode[];
  /** The branches the simulation met, with the chosen option: what the user can change. */
  branches: BranchNode[];
  /** Assumptions made anywhere in the trace, deduplicated, for a summary panel. */
  assumptions: Msg[];
  /** What kubectl calls the addresses this trace touches, so views can say "pod default/web-1". */
  names: Record<string, AddressName>;
}

export interface AddressName {
  kind: 'pod' | 'service' | 'node';
  name: string;
  namespace?: string;
  node?: string;
}

export type TraceNode = LegNode | HopNode | DetailNode;
