/**
 * Connection tracking, per network namespace, as the simulator needs it: the first packet of a
 * connection creates an entry (NEW); its NAT bindings shape the reply tuple; later packets and
 * replies find the entry and are rewritten by it, without the nat table being consulted.
 */
import type { SourceSpan } from '../diagnostics';
import { conntrackNat } from '../formats/conntrack/nat';
import type { ConntrackEntry } from '../formats/conntrack/types';
import type { Packet } from '../trace/packet';

export interface Tuple {
  proto: number;
  src: string;
  sport: number;
  dst: string;
  dport: number;
}

export interface CtEntry {
  orig: Tuple;
  /** The tuple a reply will carry: the inverse of the original after NAT. */
  reply: Tuple;
  nat: Set<'DNAT' | 'SNAT'>;
  /** NAT set up per manip type (nf_nat_initialized): the nat table is consulted once for each. */
  natInit: Set<'DST' | 'SRC'>;
  confirmed: boolean;
  /** Set once a reply-direction packet was seen: only then are original packets ESTABLISHED. */
  seenReply: boolean;
  /** Where the entry came from when a `conntrack -L` dump listed it. */
  dump?: SourceSpan;
}

/** An entry of a `conntrack -L` dump as the table holds it: confirmed, with its NAT and reply state. */
export function entryFromDump(e: ConntrackEntry): CtEntry {
  const tuple = (t: ConntrackEntry['orig']): Tuple => ({ proto: e.protonum, src: t.src, sport: t.sport ?? t.id ?? 0, dst: t.dst, dport: t.dport ?? t.id ?? 0 });
  const nat = conntrackNat(e);
  const natSet = new Set<'DNAT' | 'SNAT'>();
  if (nat.dnat) natSet.add('DNAT');
  if (nat.snat) natSet.add('SNAT');
  return { orig: tuple(e.orig), reply: tuple(e.reply), nat: natSet, natInit: new Set(['DST', 'SRC']), confirmed: true, seenReply: !e.flags.includes('UNREPLIED'), dump: e.span };
}

export function tupleOf(p: Packet): Tuple {
  return { proto: p.ip.proto, src: p.ip.src, sport: p.l4?.sport ?? 0, dst: p.ip.dst, dport: p.l4?.dport ?? 0 };
}

export function invert(t: Tuple): Tuple {
  return { proto: t.proto, src: t.dst, sport: t.dport, dst: t.src, dport: t.sport };
}

function same(a: Tuple, b: Tuple): boolean {
  return a.proto === b.proto && a.src === b.src && a.dst === b.dst && a.sport === b.sport && a.dport === b.dport;
}

export function formatTuple(t: Tuple): string {
  return t.sport || t.dport ? `${t.src}:${t.sport} → ${t.dst}:${t.dport}` : `${t.src} → ${t.dst}`;
}

export class ConntrackTable {
  private entries: CtEntry[] = [];

  lookup(p: Packet): { entry: CtEntry; dir: 'ORIGINAL' | 'REPLY' } | null {
    const t = tupleOf(p);
    for (const entry of this.entries) {
      if (same(entry.orig, t)) return { entry, dir: 'ORIGINAL' };
      if (same(entry.reply, t)) return { entry, dir: 'REPLY' };
    }
    return null;
  }

  /** A new, unconfirmed entry for the packet's first appearance. */
  create(p: Packet): CtEntry {
    const orig = tupleOf(p);
    const entry: CtEntry = { orig, reply: invert(orig), nat: new Set(), natInit: new Set(), confirmed: false, seenReply: false };
    this.entries.push(entry);
    return entry;
  }

  /** Seeds the table from a `conntrack -L` dump or a previous leg. */
  add(entry: CtEntry): void {
    this.entries.push(entry);
  }

  all(): readonly CtEntry[] {
    return this.entries;
  }
}
