/**
 * IPv6 for redaction: parsing and RFC 5952 formatting of addresses as 128-bit bigints, and the
 * same prefix-preserving mapping as IPv4 (`ipv4-map.ts`): two addresses that share an n-bit
 * prefix still share one after mapping. Kept as they are: `::`, `::1` and multicast (ff00::/8);
 * link-local (fe80::/10) keeps its /64 and loses its interface ID (often a MAC); unique local
 * (fc00::/7) keeps its first 8 bits, documentation (2001:db8::/32) its 32, anything else its 16;
 * an IPv4-mapped address (::ffff:a.b.c.d) maps its IPv4 part like any IPv4 address.
 */
import { Ipv4Mapper } from './ipv4-map';
import { keyedHash } from './keyed-hash';

const ALL = (1n << 128n) - 1n;

function hexGroup(g: string): number | null {
  if (g.length === 0 || g.length > 4) return null;
  for (let i = 0; i < g.length; i++) {
    const c = g.charCodeAt(i) | 0x20;
    if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102))) return null;
  }
  return parseInt(g, 16);
}

function dottedQuad(s: string): number[] | null {
  const parts = s.split('.');
  if (parts.length !== 4) return null;
  const bytes = parts.map((p) => (/^\d{1,3}$/.test(p) && Number(p) <= 255 ? Number(p) : -1));
  return bytes.includes(-1) ? null : bytes;
}

/** Eight groups of 16 bits from `a:b::c` or `::ffff:1.2.3.4`, or null when not an IPv6 address. */
function groupsOf(text: string): number[] | null {
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const side = (s: string): number[] | null => {
    if (s === '') return [];
    const out: number[] = [];
    const parts = s.split(':');
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i]!;
      if (i === parts.length - 1 && p.includes('.')) {
        const q = dottedQuad(p);
        if (!q) return null;
        out.push((q[0]! << 8) | q[1]!, (q[2]! << 8) | q[3]!);
      } else {
        const g = hexGroup(p);
        if (g === null) return null;
        out.push(g);
      }
    }
    return out;
  };
  const head = side(halves[0]!);
  const tail = halves.length === 2 ? side(halves[1]!) : [];
  if (!head || !tail) return null;
  if (halves.length === 1) return head.length === 8 ? head : null;
  const fill = 8 - head.length - tail.length;
  return fill >= 1 ? [...head, ...Array<number>(fill).fill(0), ...tail] : null;
}

/** @example parseIpv6('fd00::1'); // 0xfd000000000000000000000000000001n */
export function parseIpv6(text: string): bigint | null {
  if (text.length < 2 || text.length > 45 || !text.includes(':')) return null;
  const groups = groupsOf(text);
  if (!groups) return null;
  return groups.reduce((acc, g) => (acc << 16n) | BigInt(g), 0n);
}

/** RFC 5952: lower case, no leading zeros, the longest run (≥ 2) of zero groups as `::`. @example formatIpv6(1n); // '::1' */
export function formatIpv6(ip: bigint): string {
  const groups = Array.from({ length: 8 }, (_, i) => Number((ip >> BigInt(112 - 16 * i)) & 0xffffn));
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8;) {
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      best = i;
      bestLen = j - i;
    }
    i = j === i ? i + 1 : j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best < 0) return hex.join(':');
  return `${hex.slice(0, best).join(':')}::${hex.slice(best + bestLen).join(':')}`;
}

const top = (ip: bigint, bits: number) => Number(ip >> BigInt(128 - bits));

function keptBits(ip: bigint): number {
  if (ip <= 1n || top(ip, 8) === 0xff) return 128;
  if (top(ip, 10) === 0x3fa) return 64; // fe80::/10
  if (top(ip, 32) === 0x20010db8) return 32;
  if (top(ip, 7) === 0x7e) return 8; // fc00::/7
  return 16;
}

const V4_MAPPED = 0xffffn << 32n;

export class Ipv6Mapper {
  private readonly cache = new Map<bigint, bigint>();
  constructor(private readonly key: string, private readonly v4: Ipv4Mapper) {}

  map(ip: bigint): bigint {
    const hit = this.cache.get(ip);
    if (hit !== undefined) return hit;
    let out: bigint;
    if (ip >> 32n === 0xffffn) out = V4_MAPPED | BigInt(this.v4.map(Number(ip & 0xffffffffn)));
    else {
      const keep = keptBits(ip);
      out = keep === 128 ? ip : (ip >> BigInt(128 - keep)) << BigInt(128 - keep);
      for (let bit = keep; bit < 128; bit++) {
        const prefix = (ip >> BigInt(128 - bit)).toString(16);
        const flip = BigInt(keyedHash(this.key, ['v6', bit, prefix]) & 1);
        const value = ((ip >> BigInt(127 - bit)) & 1n) ^ flip;
        out |= value << BigInt(127 - bit);
      }
    }
    out &= ALL;
    this.cache.set(ip, out);
    return out;
  }
}

/** The mask of a prefix length. @example prefix6Mask(64); // the top 64 bits set */
export function prefix6Mask(bits: number): bigint {
  return bits === 0 ? 0n : (ALL >> BigInt(128 - bits)) << BigInt(128 - bits);
}
