/**
 * Which hops each detail level shows (ovn-trace's detailed / summary / minimal):
 * - detailed: every hop (the event list also lists each chain's rule evaluations);
 * - summary: the hops that did something — every hop but chains that only passed the packet on
 *   (a jump, a RETURN, no match);
 * - minimal: the sending, every rewrite of addresses, ports, marks or tunnel, drops, and each
 *   leg's last hop (its verdict).
 */
import type { HopNode } from '../../engine';
import type { DetailLevel, LegName } from './types';

/** Targets that end a chain's say on the packet or change it (a jump only passes it on). */
const DECIDING_TARGETS = new Set([
  'ACCEPT', 'DROP', 'REJECT', 'DNAT', 'SNAT', 'MASQUERADE', 'REDIRECT', 'MARK', 'CONNMARK', 'NOTRACK', 'CT', 'TPROXY', 'NETMAP',
]);

/** Field changes that are bookkeeping rather than a rewrite a user asks about. */
export function isRewriteField(field: string): boolean {
  const f = field.startsWith('inner.') ? field.slice(6) : field;
  return !(f.startsWith('eth.') || f === 'ip.ttl' || f === 'meta.ctstate' || f === 'meta.ctdir');
}

export function rewrites(hop: HopNode) {
  return hop.children.flatMap((c) => (c.kind === 'modify' ? c.changes.filter((ch) => isRewriteField(ch.field)) : []));
}

function decides(hop: HopNode): boolean {
  if (hop.hop !== 'chain') return true;
  if (hop.children.some((c) => c.kind === 'branch')) return true;
  if (rewrites(hop).length > 0) return true;
  const target = hop.decidedBy?.target;
  return !!target && DECIDING_TARGETS.has(target);
}

function minimal(hop: HopNode): boolean {
  return hop.hop === 'originate' || hop.hop === 'drop' || hop.hop === 'encap' || hop.hop === 'decap' || rewrites(hop).length > 0;
}

export function shownHops(hops: HopNode[], legs: LegName[], level: DetailLevel): number[] {
  const out: number[] = [];
  hops.forEach((hop, i) => {
    const lastOfLeg = i === hops.length - 1 || legs[i + 1] !== legs[i];
    if (level === 'detailed' || lastOfLeg || (level === 'summary' ? decides(hop) : minimal(hop))) out.push(i);
  });
  return out;
}

/** The shown hop at or before `step` (or the first shown one). */
export function snapToShown(shown: number[], step: number): number {
  let best = shown[0] ?? 0;
  for (const i of shown) {
    if (i > step) break;
    best = i;
  }
  return best;
}
