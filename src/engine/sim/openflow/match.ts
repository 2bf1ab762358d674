/**
 * Does an OpenFlow flow match the packet's fields? Protocol words (`ip`, `tcp`, `arp`) stand for
 * `dl_type`/`nw_proto` prerequisites; every other match is `field=value[/mask]` on the fields of
 * `fields.ts`. A field Hopscope does not model is reported, not guessed: the caller assumes it
 * matched and says so.
 */
import type { OvsMatch } from '../../formats/ovs/types';
import { CT_STATE_BITS, fieldDef, maskOf, parseFieldMask, parseFieldValue } from './fields';
import type { OvsPorts } from './ports';

const PROTOCOL_WORDS: Record<string, { dlType: bigint; proto?: bigint }> = {
  ip: { dlType: 0x0800n }, tcp: { dlType: 0x0800n, proto: 6n }, udp: { dlType: 0x0800n, proto: 17n },
  icmp: { dlType: 0x0800n, proto: 1n }, sctp: { dlType: 0x0800n, proto: 132n }, igmp: { dlType: 0x0800n, proto: 2n },
  arp: { dlType: 0x0806n }, rarp: { dlType: 0x8035n }, ipv6: { dlType: 0x86ddn }, tcp6: { dlType: 0x86ddn, proto: 6n },
  udp6: { dlType: 0x86ddn, proto: 17n }, icmp6: { dlType: 0x86ddn, proto: 58n }, sctp6: { dlType: 0x86ddn, proto: 132n },
  mpls: { dlType: 0x8847n }, mplsm: { dlType: 0x8848n },
};

/** Match fields that say nothing about the packet itself (already handled, or flow bookkeeping). */
const IGNORED = new Set(['conj_id', 'priority', 'table', 'cookie']);

export interface MatchResult {
  matched: boolean;
  /** The first match that failed. */
  failed?: { index: number; text: string };
  /** Matches on fields Hopscope does not model; assumed to match. */
  notSimulated: string[];
}

/** `+trk-new+est` or `0x21/0x21` → the bits that must be set and the bits that are looked at. */
function ctStateMatch(text: string, mask?: string): { value: bigint; mask: bigint } | null {
  if (/^(0x[0-9a-f]+|\d+)$/i.test(text)) return { value: BigInt(text), mask: mask ? BigInt(mask) : maskOf(32) };
  let value = 0n;
  let care = 0n;
  for (const m of text.matchAll(/([+-])([a-z]+)/g)) {
    const bit = CT_STATE_BITS[m[2]!];
    if (bit === undefined) return null;
    care |= bit;
    if (m[1] === '+') value |= bit;
  }
  return { value, mask: care };
}

function fragMatches(value: string): boolean {
  // Simulated packets are never fragments.
  return value === 'no' || value === 'not_later';
}

export function matchFlow(matches: OvsMatch[], fields: Map<string, bigint>, ports: OvsPorts): MatchResult {
  const notSimulated: string[] = [];
  const fail = (index: number): MatchResult => ({ matched: false, failed: { index, text: matchText(matches[index]!) }, notSimulated });
  for (let i = 0; i < matches.length; i++) {
    const m = matches[i]!;
    const proto = PROTOCOL_WORDS[m.field];
    if (m.value === undefined && proto) {
      if (fields.get('dl_type') !== proto.dlType) return fail(i);
      if (proto.proto !== undefined && fields.get('nw_proto') !== proto.proto) return fail(i);
      continue;
    }
    if (IGNORED.has(m.field) || m.value === undefined) continue;
    if (m.field === 'in_port') {
      const port = ports.number(m.value);
      if (port === null) {
        notSimulated.push(matchText(m));
        continue;
      }
      if (fields.get('in_port') !== BigInt(port)) return fail(i);
      continue;
    }
    if (m.field === 'nw_frag') {
      if (!fragMatches(m.value)) return fail(i);
      continue;
    }
    if (m.field === 'ct_state') {
      const want = ctStateMatch(m.value, m.mask);
      if (!want) {
        notSimulated.push(matchText(m));
        continue;
      }
      if (((fields.get('ct_state') ?? 0n) & want.mask) !== want.value) return fail(i);
      continue;
    }
    const def = fieldDef(m.field);
    const value = def ? parseFieldValue(m.value, def) : null;
    const mask = def && m.mask !== undefined ? parseFieldMask(m.mask, def) : def ? maskOf(def.bits) : null;
    if (!def || value === null || mask === null) {
      notSimulated.push(matchText(m));
      continue;
    }
    if (((fields.get(def.name) ?? 0n) & mask) !== (value & mask)) return fail(i);
  }
  return { matched: true, notSimulated };
}

export function matchText(m: OvsMatch): string {
  if (m.value === undefined) return m.field;
  const value = m.quoted ? `"${m.value}"` : m.value;
  return `${m.field}=${value}${m.mask !== undefined ? `/${m.mask}` : ''}`;
}
