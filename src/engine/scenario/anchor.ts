/**
 * Hop anchors: a narration or a question names its hop by what the hop is (kind, node,
 * namespace, interface, hook, chain, rule), never by its index, so it stays on the right hop
 * when a dump changes the number of hops around it.
 */
import type { HopKind, HopNode, LegKind, LegNode, RuleNode, RuleRef } from '../trace/types';
import type { HopAnchor } from './types';

const HOP_KINDS: readonly HopKind[] = ['originate', 'route', 'chain', 'conntrack', 'egress', 'veth', 'wire', 'encap', 'decap', 'ipvs', 'bridge', 'ingress', 'deliver', 'drop'];
const LEGS: readonly LegKind[] = ['request', 'reply', 'later'];
const TEXT_KEYS = ['node', 'netns', 'iface', 'hook', 'table', 'chain', 'rule'] as const;

/** Reads an untrusted yaml value as an anchor, or says what is wrong with it. */
export function readAnchor(v: unknown): { anchor: HopAnchor } | { error: string } {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return { error: 'an anchor must be a mapping such as { kind: chain, chain: KUBE-SERVICES }.' };
  const raw = v as Record<string, unknown>;
  const anchor: HopAnchor = {};
  for (const key of Object.keys(raw)) {
    const value = raw[key];
    if (key === 'leg') {
      if (!LEGS.includes(value as LegKind)) return { error: `"leg" must be one of ${LEGS.join(', ')}.` };
      anchor.leg = value as LegKind;
    } else if (key === 'kind') {
      if (!HOP_KINDS.includes(value as HopKind)) return { error: `"kind" must be one of ${HOP_KINDS.join(', ')}.` };
      anchor.kind = value as HopKind;
    } else if (key === 'nth') {
      if (!Number.isInteger(value) || (value as number) < 1) return { error: '"nth" must be a whole number from 1.' };
      anchor.nth = value as number;
    } else if ((TEXT_KEYS as readonly string[]).includes(key)) {
      if (typeof value !== 'string' || value === '') return { error: `"${key}" must be a non-empty string.` };
      anchor[key as (typeof TEXT_KEYS)[number]] = value;
    } else {
      return { error: `unknown anchor field "${key}" (use leg, kind, node, netns, iface, hook, table, chain, rule, nth).` };
    }
  }
  if (Object.keys(anchor).every((k) => k === 'leg' || k === 'nth')) return { error: 'an anchor needs at least one of kind, node, netns, iface, hook, table, chain, rule.' };
  return { anchor };
}

/** The rules that matched in this hop, and the one that decided it. */
function matchedRules(hop: HopNode): RuleRef[] {
  const rules = hop.children.filter((c): c is RuleNode => c.kind === 'rule' && c.matched).map((c) => c.rule);
  return hop.decidedBy ? [...rules, hop.decidedBy] : rules;
}

/** Does this hop (of a leg of that kind) fit the anchor? `nth` is not looked at here. */
export function hopMatches(hop: HopNode, leg: LegKind, a: HopAnchor): boolean {
  const p = hop.place;
  if (a.leg !== undefined && a.leg !== leg) return false;
  if (a.kind !== undefined && a.kind !== hop.hop) return false;
  if (a.node !== undefined && a.node !== p.node) return false;
  if (a.netns !== undefined && a.netns !== p.netnsName) return false;
  if (a.iface !== undefined && a.iface !== p.iface) return false;
  if (a.hook !== undefined && a.hook !== p.hook) return false;
  if (a.table !== undefined && a.table !== p.table) return false;
  if (a.chain !== undefined && a.chain !== p.chain && !matchedRules(hop).some((r) => r.chain === a.chain)) return false;
  if (a.rule !== undefined && !matchedRules(hop).some((r) => r.text.includes(a.rule!))) return false;
  return true;
}

export interface LocatedHop {
  hop: HopNode;
  leg: LegKind;
  /** Position among all hops of the trace, in the order the packet lives them (the UI's step). */
  step: number;
}

/** Every hop of the trace with its leg and step, in order. */
export function locateHops(legs: readonly LegNode[]): LocatedHop[] {
  const out: LocatedHop[] = [];
  for (const leg of legs) for (const hop of leg.hops) out.push({ hop, leg: leg.leg, step: out.length });
  return out;
}

/** The anchor's hop (the `nth` match, first by default) at or after `from`, or null. */
export function findHop(hops: readonly LocatedHop[], a: HopAnchor, from = 0): LocatedHop | null {
  let seen = 0;
  for (let i = from; i < hops.length; i++) {
    const h = hops[i]!;
    if (hopMatches(h.hop, h.leg, a) && ++seen === (a.nth ?? 1)) return h;
  }
  return null;
}

/** The anchor in a short readable form for error messages: `{ kind: chain, chain: KUBE-SERVICES }`. */
export function anchorText(a: HopAnchor): string {
  return `{ ${Object.entries(a)
    .map(([k, v]) => `${k}: ${String(v)}`)
    .join(', ')} }`;
}
