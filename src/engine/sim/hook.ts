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
import { clonePacket, type Packet } from '../trace/packet';
import type { DetailNode, Hook, RuleRef } from '../trace/types';
import { formatTuple, tupleOf } from './conntrack';
import { ipvsLocalIn } from './ipvs';
import { addrType, primaryAddress } from './routing';
import { assume, conntrackOf, emit, placeOf, type SimState } from './state';

/** Tables per hook, in the order of their priorities. nat at INPUT and POSTROUTING does source NAT. */
const HOOK_TABLES: Record<Hook, TableName[]> = {
  PREROUTING: ['raw', 'mangle', 'nat'],
  INPUT: ['mangle', 'filter', 'security', 'nat'],
  FORWARD: ['mangle', 'filter', 'security'],
  OUTPUT: ['raw', 'mangle', 'nat', 'filter', 'security'],
  POSTROUTING: ['mangle', 'nat'],
};

/** Hooks where NAT changes the destination; at the others it changes the source. */
const DST_MANIP: ReadonlySet<Hook> = new Set(['PREROUTING', 'OUTPUT']);

export interface HookResult {
  packet: Packet;
  /** `stolen`: IPVS took the packet at LOCAL_IN and re-sends it from LOCAL_OUT. */
  verdict: 'accept' | 'drop' | 'reject' | 'stolen';
  decidedBy?: RuleRef;
  rejectWith?: string;
}

export interface HookIo {
  iif: string | null;
  oif: string | null;
  /** The bridge ports of a bridged frame (br_netfilter), for `-m physdev`. */
  bridged?: { inPort: string; outPort?: string };
}

export function runHook(state: SimState, ns: Netns, hook: Hook, packet: Packet, io: HookIo): HookResult {
  let pkt = packet;
  const ruleset = ns.iptables;
  const ipvsHere = hook === 'INPUT' && !!ns.ipvs;
  if (!ruleset && !ipvsHere) return { packet: pkt, verdict: 'accept' };
  for (const table of HOOK_TABLES[hook]) {
    // IPVS sits at LOCAL_IN between security (50) and source NAT (100).
    if (ipvsHere && table === 'nat') {
      const r = ipvsLocalIn(state, ns, pkt, io.iif);
      if (r) return { packet: r.packet, verdict: r.next === 'drop' ? 'drop' : r.next === 'deliver' ? 'accept' : 'stolen' };
    }
    if (!ruleset) continue;
    // Conntrack looks the packet up after raw, before mangle (priority -200).
    if (table === 'mangle' && (hook === 'PREROUTING' || hook === 'OUTPUT')) pkt = trackPacket(state, ns, hook, pkt, io);
    if (table === 'nat') {
      if (pkt.meta.ctstate === 'UNTRACKED') continue;
      // The nat table is consulted once per connection and manip type (destination NAT in
      // PREROUTING/OUTPUT, source NAT in INPUT/POSTROUTING); conntrack rewrites all the rest.
      const entry = state.inflight.get(ns.id);
      const manip = DST_MANIP.has(hook) ? 'DST' : 'SRC';
      if (!entry || entry.confirmed || entry.natInit.has(manip)) {
        pkt = applyRecordedNat(state, ns, hook, pkt, io);
        continue;
      }
      entry.natInit.add(manip);
    }
    const result = walkTable(pkt, {
      ruleset,
      table,
      hook,
      scope: ns.id,
      choices: state.choices,
      match: {
        hook,
        iif: io.iif,
        oif: io.oif,
        addrType: (ip, iface) => addrType(ns, ip, iface),
        addressesUnknown: ns.links.length === 0,
        ...(io.bridged ? { bridged: io.bridged } : {}),
        inSet: (name, flags) => setMembership(ns, name, flags, pkt),
      },
      target: { iif: io.iif, oif: io.oif, primaryAddress: (dev, towards) => primaryAddress(ns, dev, towards) },
    });
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
    if (v.kind === 'nat') pkt = applyNewNat(state, ns, hook, pkt, io, v, result.decidedBy);
  }
  if (hook === 'POSTROUTING' || hook === 'INPUT') confirm(state, ns, hook, pkt, io);
  return { packet: pkt, verdict: 'accept' };
}

/** Membership in a set from the namespace's ipset dump; null (an assumption) when the dump does not say. */
function setMembership(ns: Netns, name: string, flags: string[], pkt: Packet): boolean | null {
  const set = ns.ipsets?.get(name);
  if (!set || !setDimensionsSupported(set)) return null;
  return setContains(set, flags, { proto: pkt.ip.proto, src: pkt.ip.src, dst: pkt.ip.dst, sport: pkt.l4?.sport ?? 0, dport: pkt.l4?.dport ?? 0 });
}

function emitVisit(state: SimState, ns: Netns, hook: Hook, io: HookIo, visit: ChainVisit): void {
  const chain = ns.iptables?.tables.get(visit.table)?.chains.get(visit.chain);
  // An empty built-in chain with an ACCEPT policy does nothing worth a hop.
  if (chain && chain.rules.length === 0 && visit.outcome.kind === 'policy' && visit.outcome.policy === 'ACCEPT') return;
  const children: DetailNode[] = [...visit.rules];
  if (visit.branch) {
    children.push(visit.branch);
    state.branches.push(visit.branch);
  }
  for (const a of visit.assumptions) children.push(assume(state, a));
  for (const e of visit.errors) children.push({ kind: 'error', message: e });
  const iface = hook === 'PREROUTING' || hook === 'INPUT' ? io.iif : io.oif;
  const place = placeOf(ns, { hook, table: visit.table, chain: visit.chain, stack: visit.stack, ...(iface ? { iface } : {}) });
  const o = visit.outcome;
  const params = { chain: visit.chain, table: visit.table, hook, rule: visit.decidedBy?.position ?? 0 };
  const message =
    o.kind === 'jump' ? msg(o.goto ? 'hop.chain.goto' : 'hop.chain.jump', { ...params, target: o.chain })
    : o.kind === 'return' ? msg('hop.chain.return', params)
    : o.kind === 'policy' ? msg('hop.chain.policy', { ...params, policy: o.policy })
    : o.kind === 'verdict' ? msg(`hop.chain.${o.verdict.toLowerCase()}`, params)
    : o.kind === 'nat' ? msg('hop.chain.nat', { ...params, nat: o.nat, to: o.port ? `${o.ip}:${o.port}` : o.ip })
    : msg('hop.chain.end', params);
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
  const iface = io.iif ?? io.oif;
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
  const iface = DST_MANIP.has(hook) ? io.iif ?? io.oif : io.oif ?? io.iif;
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
  const iface = io.iif ?? io.oif;
  emit(state, {
    hop: 'conntrack',
    place: placeOf(ns, { hook, table: 'nat', ...(iface ? { iface } : {}) }),
    before: packet,
    after: pkt,
    message: msg(dstManip ? 'hop.nat.reverseDst' : 'hop.nat.reverseSrc', { tuple: formatTuple(entry.orig) }),
  });
  return pkt;
}

/** The end of POSTROUTING or INPUT: the connection is confirmed and its reply tuple fixed. */
function confirm(state: SimState, ns: Netns, hook: Hook, pkt: Packet, io: HookIo): void {
  const entry = state.inflight.get(ns.id);
  if (!entry || entry.confirmed) return;
  entry.confirmed = true;
  const iface = io.oif ?? io.iif;
  emit(state, {
    hop: 'conntrack',
    place: placeOf(ns, { hook, ...(iface ? { iface } : {}) }),
    before: pkt,
    after: pkt,
    message: msg('hop.ct.confirm', { orig: formatTuple(entry.orig), reply: formatTuple(entry.reply) }),
  });
}
