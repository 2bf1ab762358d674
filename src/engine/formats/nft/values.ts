/**
 * nft's printed constants: numbers (`443`, `0x00004000`), time values (`3h`, `1h59m59s992ms`),
 * and the words that are prefixes (`10.0.0.0/8`) or ranges (`8000-8999`, `10.0.0.1-10.0.0.9`)
 * rather than names (`port-unreachable`, `ipv6-icmp`, `endpoint-A`).
 */
import { parseIpv4 } from '../../net/ipv4';
import { looksLikeIpv6 } from '../ip-link/text-lines';
import type { NftExpr } from './types';

/** A decimal or `0x` hexadecimal integer (up to 2^53), else null. */
export function parseNftInt(text: string): number | null {
  if (/^\d{1,15}$/.test(text)) return Number(text);
  if (/^0x[0-9a-fA-F]{1,13}$/.test(text)) return parseInt(text.slice(2), 16);
  return null;
}

const TIME_UNITS: Record<string, number> = { d: 86400, h: 3600, m: 60, s: 1, ms: 0.001 };

/**
 * A time value in seconds: `3h`, `10800s`, `1h59m59s992ms`, `1d2h`, or a bare number of seconds.
 *
 * @example parseNftTime('1h59m59s992ms'); // 7199.992
 */
export function parseNftTime(text: string): number | null {
  if (/^\d{1,12}$/.test(text)) return Number(text);
  let total = 0;
  let i = 0;
  if (text.length === 0 || text.length > 40) return null;
  while (i < text.length) {
    const start = i;
    while (i < text.length && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++;
    if (i === start) return null;
    const n = Number(text.slice(start, i));
    const unit = text.startsWith('ms', i) ? 'ms' : text[i] ?? '';
    const factor = TIME_UNITS[unit];
    if (factor === undefined) return null;
    total += n * factor;
    i += unit.length;
  }
  return Math.round(total * 1000) / 1000;
}

/** An IPv4 or IPv6 address, a MAC address, or an integer: the kinds of value nft prints as ranges. */
function isScalar(text: string): boolean {
  return parseNftInt(text) !== null || parseIpv4(text) !== null || looksLikeIpv6(text) || /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/i.test(text);
}

/** A literal node, with `number` set for integers. */
export function literal(text: string, quoted = false): NftExpr {
  const node: NftExpr = { kind: 'literal', text };
  const n = quoted ? null : parseNftInt(text);
  if (n !== null) node.number = n;
  if (quoted) node.quoted = true;
  return node;
}

/**
 * Classifies one printed word: a prefix, a range, or a literal.
 *
 * @example valueOfWord('203.0.113.10-203.0.113.20'); // range of two literals
 * @example valueOfWord('port-unreachable'); // literal
 */
export function valueOfWord(text: string): NftExpr {
  const slash = text.indexOf('/');
  if (slash > 0) {
    const addr = text.slice(0, slash);
    const len = text.slice(slash + 1);
    if (/^\d{1,3}$/.test(len) && (parseIpv4(addr) !== null || looksLikeIpv6(addr))) return { kind: 'prefix', addr, length: Number(len) };
  }
  // A range's dash is the one whose both sides are scalars; IPv6 and MAC ranges have no other dashes.
  const dash = text.indexOf('-', 1);
  if (dash > 0 && text.indexOf('-', dash + 1) < 0) {
    const low = text.slice(0, dash);
    const high = text.slice(dash + 1);
    if (isScalar(low) && isScalar(high)) return { kind: 'range', low: literal(low), high: literal(high) };
  }
  return literal(text);
}
