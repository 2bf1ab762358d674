/**
 * The simulator's working state for one trace, and the one way hops get into it (`emit`), so
 * every hop has a place, a before and after packet, a sentence, and the details that decided it.
 */
import type { Msg } from '../explain/message';
import { msg } from '../explain/message';
import type { Model, Netns, NetnsId } from '../model/types';
import { clonePacket, diffPackets, type Packet } from '../trace/packet';
import type { BranchNode, DetailNode, HopKind, HopNode, LegKind, Place, RuleRef } from '../trace/types';
import { ConntrackTable, entryFromDump, type CtEntry } from './conntrack';

/** A trace never runs away: a leg ends with an error after this many hops. */
export const MAX_HOPS_PER_LEG = 400;

export class HopLimitReached extends Error {}

/** Kernel settings a dump does not show; each default is shown to the user as an assumption. */
export interface SimSettings {
  /** net.bridge.bridge-nf-call-iptables: bridged IPv4 passes iptables. On by Kubernetes' requirement. */
  bridgeNfCallIptables: boolean;
}

export const DEFAULT_SETTINGS: SimSettings = { bridgeNfCallIptables: true };

export interface SimState {
  model: Model;
  settings: SimSettings;
  choices: Record<string, string>;
  leg: LegKind;
  hops: HopNode[];
  branches: BranchNode[];
  assumptions: Map<string, Msg>;
  conntrack: Map<NetnsId, ConntrackTable>;
  /** The entry of the packet in flight, per namespace, between lookup and confirmation. */
  inflight: Map<NetnsId, CtEntry>;
}

export function newState(model: Model, choices: Record<string, string>, settings: SimSettings = DEFAULT_SETTINGS): SimState {
  return { model, settings, choices, leg: 'request', hops: [], branches: [], assumptions: new Map(), conntrack: new Map(), inflight: new Map() };
}

/** The namespace's conntrack table, seeded from its `conntrack -L` dump the first time it is needed. */
export function conntrackOf(state: SimState, ns: Netns): ConntrackTable {
  let table = state.conntrack.get(ns.id);
  if (!table) {
    state.conntrack.set(ns.id, (table = new ConntrackTable()));
    for (const e of ns.conntrack ?? []) table.add(entryFromDump(e));
  }
  return table;
}

export function placeOf(ns: Netns, extra: Omit<Place, 'node' | 'netns' | 'netnsName'> = {}): Place {
  return { node: ns.node, netns: ns.id, netnsName: ns.name, ...extra };
}

/** Records an assumption once per trace and returns its detail node. */
export function assume(state: SimState, message: Msg): DetailNode {
  state.assumptions.set(`${message.key}|${JSON.stringify(message.params ?? {})}`, message);
  return { kind: 'assumption', message };
}

export interface EmitArgs {
  hop: HopKind;
  place: Place;
  before: Packet;
  after: Packet;
  message: Msg;
  children?: DetailNode[];
  decidedBy?: RuleRef;
}

export function emit(state: SimState, args: EmitArgs): HopNode {
  if (state.hops.length >= MAX_HOPS_PER_LEG) throw new HopLimitReached();
  const children = [...(args.children ?? [])];
  const changes = diffPackets(args.before, args.after);
  if (changes.length && !children.some((c) => c.kind === 'modify')) {
    children.push({ kind: 'modify', changes, by: args.message });
  }
  for (const c of children) if (c.kind === 'assumption') assume(state, c.message);
  const node: HopNode = {
    kind: 'hop',
    id: `${state.leg}-${state.hops.length}`,
    hop: args.hop,
    place: args.place,
    before: clonePacket(args.before),
    after: clonePacket(args.after),
    message: args.message,
    children,
  };
  if (args.decidedBy) node.decidedBy = args.decidedBy;
  state.hops.push(node);
  return node;
}

/** How a leg ended. */
export interface LegEnd {
  verdict: 'delivered' | 'forwarded' | 'dropped' | 'rejected' | 'unroutable' | 'incomplete';
  message: Msg;
  /** Where the packet ended and how it looked, for the reply leg. */
  ns?: Netns;
  packet?: Packet;
}

export function ended(verdict: LegEnd['verdict'], key: string, params?: Msg['params'], ns?: Netns, packet?: Packet): LegEnd {
  const end: LegEnd = { verdict, message: msg(key, params) };
  if (ns) end.ns = ns;
  if (packet) end.packet = packet;
  return end;
}
