/**
 * One netfilter hook in one namespace: its tables in priority order (raw, conntrack, mangle,
 * nat, filter, security), with conntrack deciding whether the nat table is consulted at all.
 * Each chain visited becomes a `chain` hop; NAT rewrites and conntrack decisions become hops too.
 */
import { msg } from '../explain/message';
import type { TableName } from '../formats/iptables/types';
import { setContains, setDimensionsSupported } from '../formats/ipset/lookup';
import type { Netns } from '../model/types';
import { walkTable, type ChainVisit } from '../netfilter/evaluate-table';
import { walkNftChain } from '../netfilter/nft/evaluate-chain';
import type { NftChain, NftTable } from '../formats/nft/types';
import { clonePacket, type Packet } from '../trace/packet';
import type { DetailNode, Hook, RuleRef } from '../trace/types';
import { formatTuple, tupleOf } from './conntrack';
import { ipvsRequest } from './ipvs';
import { addrType, primaryAddress } from './routing';
import { assume, conntrackOf, emit, placeOf, type SimState } from './state';

/** Hooks where NAT changes the destination; at the others it changes the source. */
const DST_MANIP: ReadonlySet<Hook> = new Set(['PREROUTING', 'OUTPUT']);

/** The iptables tables a hook has (nat at INPUT and POSTROUTING does source NAT). */
const IPTABLES_AT: Record<Hook, TableName[]> = {
  PREROUTING: ['raw', 'mangle', 'nat'],
  INPUT: ['mangle', 'filter', 'security', 'nat'],
  FORWARD: ['mangle', 'filter', 'security'],
  OUTPUT: ['raw', 'mangle', 'nat', 'filter', 'security'],
  POSTROUTING: ['mangle', 'nat'],
};

/**
 * The priorities the kernel registers these at (NF_IP_PRI_*). IPVS schedules requests at
 * LOCAL_IN after filter (NF_IP_PRI_NAT_SRC - 1) and at LOCAL_OUT right after the nat OUTPUT
 * chain (NF_IP_PRI_NAT_DST + 2): net/netfilter/ipvs/ip_vs_core.c, `ip_vs_ops4`.
 */
const PRIORITY = { raw: -300, conntrack: -200, mangle: -150, natDst: -100, ipvsLocalOut: -98, filter: 0, security: 50, ipvsLocalIn: 99, natSrc: 100 } as const;

/**
 * One function registered at a hook, run in priority order. `created` orders functions of equal
 * priority: the kernel (nf_hook_entries_grow) puts a new hook before existing ones of the same
 * priority, so the one created last runs first.
 */
type Stage = { priority: number; created: number } & (
  | { kind: 'iptables'; table: TableName }
  | { kind: 'nft'; table: NftTable; chain: NftChain }
  | { kind: 'conntrack' }
  | { kind: 'ipvs' }
);

/*
 * The stages of a hook depend on the model alone, and finding the nft base chains means looking
 * at every chain (kube-proxy's nftables mode has one per Service and endpoint): made once per
 * namespace and hook, for the rule sets the namespace has now.
 */
const stageCache = new WeakMap<Netns, { key: readonly unknown[]; byHook: Map<Hook, Stage[]> }>();

function stagesFor(ns: Netns, hook: Hook): Stage[] {
  const key = [ns.iptables, ns.nft, ns.ipvs, ns.nft?.tables.length ?? 0] as const;
  let cached = stageCache.get(ns);
  if (!cached || cached.key.some((k, i) => k !== key[i])) stageCache.set(ns, (cached = { key, byHook: new Map() }));
  let stages = cached.byHook.get(hook);
  if (!stages) cached.byHook.set(hook, (stages = computeStages(ns, hook)));
  return stages;
}

function computeStages(ns: Netns, hook: Hook): Stage[] {
  const stages: Stage[] = [];
  const hasRules = !!ns.iptables || !!ns.nft;
  const nftTables = ns.nft?.tables ?? [];
  for (const table of IPTABLES_AT[hook]) {
    if (!ns.iptables?.tables.get(table)?.chains.get(hook)) continue;
    const priority = table === 'nat' ? (DST_MANIP.has(hook) ? PRIORITY.natDst : PRIORITY.natSrc) : PRIORITY[table];
    // `nft list ruleset` lists tables in creation order, iptables-nft's own among them; without
    // them there, the iptables tables are taken to be older than every nft table.
    const listed = nftTables.findIndex((t) => t.family === 'ip' && t.name === table && t.managedByIptables);
    stages.push({ kind: 'iptables', priority, created: listed >= 0 ? listed * 1000 : -1, table });
  }
  nftTables.forEach((table, t) => {
    if (table.family !== 'ip' && table.family !== 'inet') return;
    // Tables iptables-nft manages are read from iptables-save output when it is given.
    if (table.managedByIptables && ns.iptables) return;
    table.chains.forEach((chain, c) => {
      if (chain.base?.hook !== hook.toLowerCase()) return;
      stages.push({ kind: 'nft', priority: chain.base.priority.value ?? 0, created: t * 1000 + c, table, chain });
    });
  });
  if (hasRules && (hook === 'PREROUTING' || hook === 'OUTPUT')) stages.push({ kind: 'conntrack', priority: PRIORITY.conntrack, created: 0 });
  if (hook === 'INPUT' && ns.ipvs) stages.push({ kind: 'ipvs', priority: PRIORITY.ipvsLocalIn, created: 0 });
  if (hook === 'OUTPUT' && ns.ipvs) stages.push({ kind: 'ipvs', priority: PRIORITY.ipvsLocalOut, created: 0 });
  return stages.sort((a, b) => a.priority - b.priority || b.created - a.created);
}

/** Base chains of one priority at this hook from different tables: their order rests on creation order. */
function equalPriorityTies(stages: Stage[]): Stage[] {
  return stages.filter((s, i) => (s.kind === 'nft' || s.kind === 'iptables') && stages.some((o, j) => j !== i && o.priority === s.priority && (o.kind === 'nft' || o.kind === 'iptables')));
}

export interface HookResult {
  packet: Packet;
  /** `stolen`: IPVS took the packet (at LOCAL_IN or LOCAL_OUT) and re-sends it from LOCAL_OUT. */
  verdict: 'accept' | 'drop' | 'reject' | 'stolen';
  decidedBy?: RuleRef;
  rejectWith?: string;
  /** OUTPUT only: the table (or nft chain) whose change makes the kernel route the packet again. */
  rerouteBy?: string;
}

export interface HookIo {
  iif: string | null;
  oif: string | null;
  /** The bridge ports of a bridged frame (br_netfilter), for `-m physdev`. */
  bridged?: { inPort: string; outPort?: string };
}

/**
 * The interface a hook's hops are placed at: the input interface before the routing decision
 * (PREROUTING, INPUT), the output interface after it (FORWARD, OUTPUT, POSTROUTING), as the
 * kernel's nft trace prints them. A forwarded packet has both at FORWARD and POSTROUTING, so the
 * choice cannot fall back on whichever is set.
 */
export function hookIface(hook: Hook, io: HookIo): string | null {
  return hook === 'PREROUTING' || hook === 'INPUT' ? io.iif ?? io.oif : io.oif ?? io.iif;
}

/** Whether a NAT stage sees this packet: once per connection and manip type (nf_nat_initialized). */
function natStageRuns(state: SimState, ns: Netns, hook: Hook, pkt: Packet): boolean {
  if (pkt.meta.ctstate === 'UNTRACKED') return false;
  const entry = state.inflight.get(ns.id);
  const manip = DST_MANIP.has(hook) ? 'DST' : 'SRC';
  if (!entry || entry.confirmed || entry.natInit.has(manip)) return false;
  return true;
}

export function runHook(state: SimState, ns: Netns, hook: Hook, packet: Packet, io: HookIo): HookResult {
  let pkt = packet;
  const stages = stagesFor(ns, hook);
  if (stages.length === 0) return { packet: pkt, verdict: 'accept' };
  const ties = equalPriorityTies(stages);
  if (ties.length) {
    const names = ties.map(stageName).join(', ');
    assume(state, msg('assume.equalPriority', { hook, chains: names }));
  }
  const match = {
    hook,
    iif: io.iif,
    oif: io.oif,
    addrType: (ip: string, iface?: string) => addrType(ns, ip, iface),
    addressesUnknown: ns.links.length === 0,
    ...(io.bridged ? { bridged: io.bridged } : {}),
    inSet: (name: string, flags: string[]) => setMembership(ns, name, flags, pkt),
  };
  const target = { iif: io.iif, oif: io.oif, primaryAddress: (dev: string, towards: string) => primaryAddress(ns, dev, towards) };
  let natApplied = false;
  let natRan = false;
  let rerouteBy: string | undefined;
  for (const stage of stages) {
    const before = pkt;
    if (stage.kind === 'conntrack') {
      pkt = trackPacket(state, ns, hook, pkt, io);
      continue;
    }
    if (stage.kind === 'ipvs') {
      const r = ipvsRequest(state, ns, hook === 'INPUT' ? 'LOCAL_IN' : 'LOCAL_OUT', pkt, hookIface(hook, io));
      if (!r) continue;
      if (r.next === 'drop') return { packet: r.packet, verdict: 'drop' };
      pkt = r.packet;
      if (r.next === 'continue') continue;
      // Stolen: the nat stages this hook already ran still count for the connection.
      if (natRan) state.inflight.get(ns.id)?.natInit.add(DST_MANIP.has(hook) ? 'DST' : 'SRC');
      return { packet: pkt, verdict: 'stolen' };
    }
    const isNat = stage.kind === 'iptables' ? stage.table === 'nat' : stage.chain.base?.type === 'nat';
    if (isNat && natApplied) continue;
    if (isNat && !natStageRuns(state, ns, hook, pkt)) {
      // Conntrack rewrites every packet but a connection's first (once, whichever NAT stage comes first).
      if (!natApplied) pkt = applyRecordedNat(state, ns, hook, pkt, io);
      natApplied = true;
      rerouteBy ??= rerouteCause(hook, stage, before, pkt);
      continue;
    }
    const result = stage.kind === 'iptables'
      ? walkTable(pkt, { ruleset: ns.iptables!, table: stage.table, hook, scope: ns.id, choices: state.choices, match, target })
      : walkNftChain(pkt, { table: stage.table, chain: stage.chain, hook, scope: ns.id, choices: state.choices, match, target });
    if (!result) continue;
    for (const visit of result.visits) emitVisit(state, ns, hook, io, visit);
    pkt = result.packet;
    const v = result.verdict;
    if (v.kind === 'drop') {
      const r: HookResult = { packet: pkt, verdict: v.reject ? 'reject' : 'drop' };
      if (result.decidedBy) r.decidedBy = result.decidedBy;
      if (v.rejectWith) r.rejectWith = v.rejectWith;
      return r;
    }
    if (v.kind === 'nat') {
      pkt = applyNewNat(state, ns, hook, pkt, io, v, result.decidedBy);
      // One NAT per manip type: later NAT stages of this hook see it as done.
      natApplied = true;
    }
    if (isNat) natRan = true;
    rerouteBy ??= rerouteCause(hook, stage, before, pkt);
  }
  // After the nat stages a first packet has its binding for this manip type, a null one if no
  // rule asked for NAT (nf_nat_alloc_null_binding): no later hook consults a nat table for it.
  if (natRan) state.inflight.get(ns.id)?.natInit.add(DST_MANIP.has(hook) ? 'DST' : 'SRC');
  if (hook === 'POSTROUTING' || hook === 'INPUT') confirm(state, ns, hook, pkt, io);
  return rerouteBy === undefined ? { packet: pkt, verdict: 'accept' } : { packet: pkt, verdict: 'accept', rerouteBy };
}

/**
 * The stage (its name) whose change at LOCAL_OUT makes the kernel route the packet again
 * (ip_route_me_harder), or undefined: the mangle table (ipt_mangle_out) and nft chains of type
 * route on a change of source, destination or mark; nat (nf_nat_ipv4_local_fn) on a change of
 * destination. A mark set in the nat or filter table does not re-route.
 */
function rerouteCause(hook: Hook, stage: Stage, before: Packet, after: Packet): string | undefined {
  return hook === 'OUTPUT' && reroutes(stage, before, after) ? stageName(stage) : undefined;
}

function reroutes(stage: Stage, before: Packet, after: Packet): boolean {
  const dst = before.ip.dst !== after.ip.dst;
  const addressOrMark = dst || before.ip.src !== after.ip.src || before.meta.mark !== after.meta.mark;
  if (stage.kind === 'iptables') return stage.table === 'nat' ? dst : stage.table === 'mangle' && addressOrMark;
  if (stage.kind === 'nft') return stage.chain.base?.type === 'nat' ? dst : stage.chain.base?.type === 'route' && addressOrMark;
  return false;
}

/** A stage as messages name it: `iptables nat`, `inet filter output`, `conntrack`. */
function stageName(stage: Stage): string {
  if (stage.kind === 'iptables') return `iptables ${stage.table}`;
  if (stage.kind === 'nft') return `${stage.table.family} ${stage.table.name} ${stage.chain.name}`;
  return stage.kind;
}

/** Membership in a set from the namespace's ipset dump; null (an assumption) when the dump does not say. */
function setMembership(ns: Netns, name: string, flags: string[], pkt: Packet): boolean | null {
  const set = ns.ipsets?.get(name);
  if (!set || !setDimensionsSupported(set)) return null;
  return setContains(set, flags, { proto: pkt.ip.proto, src: pkt.ip.src, dst: pkt.ip.dst, sport: pkt.l4?.sport ?? 0, dport: pkt.l4?.dport ?? 0 });
}

/**
 * A chain the packet fell off the end of: either nothing matched, or only rules that do not
 * decide (MARK, LOG, ...) matched, e.g. KUBE-MARK-MASQ's one MARK rule.
 */
function endMessage(visit: ChainVisit, params: { chain: string; table: string; hook: Hook; rule: number }) {
  const matched = visit.rules.filter((r) => r.matched);
  if (matched.length === 0) return msg('hop.chain.end', params);
  return msg('hop.chain.endAfterMatch', { ...params, rule: matched[matched.length - 1]!.rule.position });
}

function emitVisit(state: SimState, ns: Netns, hook: Hook, io: HookIo, visit: ChainVisit): void {
  // An empty built-in chain with an ACCEPT policy does nothing worth a hop.
  if (visit.rules.length === 0 && !visit.resumed && visit.stack.length === 0 && visit.outcome.kind === 'policy' && visit.outcome.policy === 'ACCEPT') return;
  const children: DetailNode[] = [...visit.rules];
  if (visit.branch) {
    children.push(visit.branch);
    state.branches.push(visit.branch);
  }
  for (const a of visit.assumptions) children.push(assume(state, a));
  for (const e of visit.errors) children.push({ kind: 'error', message: e });
  const iface = hookIface(hook, io);
  const place = placeOf(ns, { hook, table: visit.table, chain: visit.chain, stack: visit.stack, ...(iface ? { iface } : {}) });
  const o = visit.outcome;
  const params = { chain: visit.chain, table: visit.table, hook, rule: visit.decidedBy?.position ?? 0 };
  const message =
    o.kind === 'jump' ? msg(o.goto ? 'hop.chain.goto' : 'hop.chain.jump', { ...params, target: o.chain })
    : o.kind === 'return' ? msg('hop.chain.return', params)
    : o.kind === 'policy' ? msg('hop.chain.policy', { ...params, policy: o.policy })
    : o.kind === 'verdict' ? msg(`hop.chain.${o.verdict.toLowerCase()}`, params)
    : o.kind === 'nat' ? msg('hop.chain.nat', { ...params, nat: o.nat, to: o.port ? `${o.ip}:${o.port}` : o.ip })
    : endMessage(visit, params);
  const args = { hop: 'chain' as const, place, before: visit.before, after: visit.after, message, children };
  emit(state, visit.decidedBy ? { ...args, decidedBy: visit.decidedBy } : args);
}

/** Conntrack's lookup: an existing entry makes the packet ESTABLISHED (or a reply); none makes it NEW. */
function trackPacket(state: SimState, ns: Netns, hook: Hook, packet: Packet, io: HookIo): Packet {
  if (packet.meta.ctstate === 'UNTRACKED') return packet;
  // A packet that already carries this namespace's conntrack entry (IPVS re-sending it from
  // LOCAL_OUT) is not looked up again, as nf_conntrack_in skips an skb that has one.
  if (packet.meta.ctstate !== 'NONE' && state.inflight.has(ns.id)) return packet;
  const table = conntrackOf(state, ns);
  const found = table.lookup(packet);
  const pkt = clonePacket(packet);
  const iface = hookIface(hook, io);
  const place = placeOf(ns, { hook, ...(iface ? { iface } : {}) });
  if (found) {
    const { entry, dir } = found;
    // As resolve_normal_ct: a reply is ESTABLISHED; an original packet only once a reply was seen.
    if (dir === 'REPLY') entry.seenReply = true;
    pkt.meta.ctstate = entry.seenReply ? 'ESTABLISHED' : 'NEW';
    pkt.meta.ctdir = dir;
    pkt.meta.ctnat = [...entry.nat];
    state.inflight.set(ns.id, entry);
    const args = { hop: 'conntrack' as const, place, before: packet, after: pkt, message: msg(dir === 'REPLY' ? 'hop.ct.reply' : 'hop.ct.known', { tuple: formatTuple(entry.orig) }) };
    // An entry from the user's conntrack dump is shown with its line, like a rule.
    emit(state, entry.dump ? { ...args, children: [{ kind: 'assumption', message: msg('assume.ctFromDump', { file: entry.dump.file, line: entry.dump.line }) }] } : args);
    return pkt;
  }
  state.inflight.set(ns.id, table.create(pkt));
  pkt.meta.ctstate = 'NEW';
  pkt.meta.ctdir = 'ORIGINAL';
  pkt.meta.ctnat = [];
  emit(state, { hop: 'conntrack', place, before: packet, after: pkt, message: msg('hop.ct.new', { tuple: formatTuple(tupleOf(pkt)) }) });
  return pkt;
}


/** The first packet's NAT: rewrite it and record the binding, which fixes the reply tuple. */
function applyNewNat(state: SimState, ns: Netns, hook: Hook, packet: Packet, io: HookIo, v: { nat: 'DNAT' | 'SNAT'; ip: string; port: number | null }, by?: RuleRef): Packet {
  const pkt = clonePacket(packet);
  const entry = state.inflight.get(ns.id);
  if (v.nat === 'DNAT') {
    pkt.ip.dst = v.ip;
    if (pkt.l4 && v.port !== null) pkt.l4.dport = v.port;
  } else {
    pkt.ip.src = v.ip;
    if (pkt.l4 && v.port !== null) pkt.l4.sport = v.port;
  }
  if (!pkt.meta.ctnat.includes(v.nat)) pkt.meta.ctnat.push(v.nat);
  if (entry) {
    entry.nat.add(v.nat);
    const t = tupleOf(pkt);
    entry.reply = { proto: t.proto, src: t.dst, sport: t.dport, dst: t.src, dport: t.sport };
  }
  const iface = hookIface(hook, io);
  const args = {
    hop: 'conntrack' as const,
    place: placeOf(ns, { hook, table: 'nat' as const, ...(iface ? { iface } : {}) }),
    before: packet,
    after: pkt,
    message: msg(v.nat === 'DNAT' ? 'hop.nat.dnat' : 'hop.nat.snat', { to: v.port !== null ? `${v.ip}:${v.port}` : v.ip }),
  };
  emit(state, by ? { ...args, decidedBy: by } : args);
  return pkt;
}

/** Later packets and replies: conntrack applies the recorded binding (or its inverse) itself. */
function applyRecordedNat(state: SimState, ns: Netns, hook: Hook, packet: Packet, io: HookIo): Packet {
  // The skb carries its conntrack entry from the lookup on: after one rewrite its tuple no longer
  // matches either direction, so the entry is not looked up again.
  const entry = packet.meta.ctstate === 'NONE' ? undefined : state.inflight.get(ns.id);
  if (!entry) return packet;
  const dir = packet.meta.ctdir;
  const pkt = clonePacket(packet);
  const dstManip = DST_MANIP.has(hook);
  if (dstManip && dir === 'ORIGINAL' && entry.nat.has('DNAT')) {
    pkt.ip.dst = entry.reply.src;
    if (pkt.l4) pkt.l4.dport = entry.reply.sport;
  } else if (dstManip && dir === 'REPLY' && entry.nat.has('SNAT')) {
    pkt.ip.dst = entry.orig.src;
    if (pkt.l4) pkt.l4.dport = entry.orig.sport;
  } else if (!dstManip && dir === 'ORIGINAL' && entry.nat.has('SNAT')) {
    pkt.ip.src = entry.reply.dst;
    if (pkt.l4) pkt.l4.sport = entry.reply.dport;
  } else if (!dstManip && dir === 'REPLY' && entry.nat.has('DNAT')) {
    pkt.ip.src = entry.orig.dst;
    if (pkt.l4) pkt.l4.sport = entry.orig.dport;
  } else {
    return packet;
  }
  // Already in place (IPVS rewrote it itself): nothing for conntrack to do that a hop could show.
  if (pkt.ip.src === packet.ip.src && pkt.ip.dst === packet.ip.dst && pkt.l4?.sport === packet.l4?.sport && pkt.l4?.dport === packet.l4?.dport) return packet;
  const iface = hookIface(hook, io);
  const key = dir === 'REPLY' ? (dstManip ? 'hop.nat.reverseDst' : 'hop.nat.reverseSrc') : dstManip ? 'hop.nat.redoDnat' : 'hop.nat.redoSnat';
  emit(state, {
    hop: 'conntrack',
    place: placeOf(ns, { hook, table: 'nat', ...(iface ? { iface } : {}) }),
    before: packet,
    after: pkt,
    message: msg(key, { tuple: formatTuple(entry.orig) }),
  });
  return pkt;
}

/** The end of POSTROUTING or INPUT: the connection is confirmed and its reply tuple fixed. */
function confirm(state: SimState, ns: Netns, hook: Hook, pkt: Packet, io: HookIo): void {
  const entry = state.inflight.get(ns.id);
  if (!entry || entry.confirmed) return;
  entry.confirmed = true;
  const iface = hookIface(hook, io);
  emit(state, {
    hop: 'conntrack',
    place: placeOf(ns, { hook, ...(iface ? { iface } : {}) }),
    before: pkt,
    after: pkt,
    message: msg('hop.ct.confirm', { orig: formatTuple(entry.orig), reply: formatTuple(entry.reply) }),
  });
}
