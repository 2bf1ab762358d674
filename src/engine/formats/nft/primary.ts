/**
 * Keys of nft expressions: packet fields (`ip saddr`, `tcp dport`, `th dport`, `ether type`),
 * metadata (`meta l4proto`, `iifname`), conntrack (`ct state`, `ct original saddr`), FIB lookups
 * (`fib daddr type`), and computed keys (`numgen random mod 3`, `jhash ... mod 4`, `rt mtu`).
 */
import { Cursor } from './cursor';
import { parseKey } from './expressions';
import type { NftExpr } from './types';
import { parseNftInt } from './values';

const PAYLOAD = new Set([
  'ip', 'ip6', 'tcp', 'udp', 'udplite', 'sctp', 'dccp', 'th', 'icmp', 'icmpv6', 'igmp', 'ether', 'vlan', 'arp',
  'ah', 'esp', 'comp', 'gre', 'hbh', 'frag', 'dst', 'mh', 'srh', 'vxlan', 'geneve', 'cfm',
]);
/** Meta keys nft prints without `meta` (`meta_key_unqualified` in nftables' parser). */
export const META_UNQUALIFIED = new Set([
  'mark', 'iif', 'iifname', 'iiftype', 'oif', 'oifname', 'oiftype', 'skuid', 'skgid', 'nftrace', 'rtclassid',
  'ibriport', 'obriport', 'ibrname', 'obrname', 'pkttype', 'cpu', 'iifgroup', 'oifgroup', 'cgroup', 'ipsec',
]);
const VERDICT_WORDS = new Set(['accept', 'drop', 'continue', 'return', 'jump', 'goto']);
const RT_KEYS = new Set(['classid', 'nexthop', 'mtu', 'ipsec']);
const FIB_FLAGS = new Set(['saddr', 'daddr', 'mark', 'iif', 'oif']);
/** `KEYWORD N` at the cursor: returns N and moves past both, or null (cursor unchanged). */
export function intAfter(c: Cursor, keyword: string): number | null {
  if (!c.isWord(keyword)) return null;
  const n = parseNftInt(c.word(1) ?? '');
  if (n === null) return null;
  c.i += 2;
  return n;
}

/** `ct [original|reply] [ip|ip6] KEY`. */
function ctExpr(c: Cursor): NftExpr | null {
  let k = 1;
  const node: NftExpr & { kind: 'ct' } = { kind: 'ct', key: '' };
  const dir = c.word(k);
  if (dir === 'original' || dir === 'reply') {
    node.direction = dir;
    k++;
  }
  const fam = c.word(k);
  if ((fam === 'ip' || fam === 'ip6') && c.word(k + 1) !== undefined && c.word(k + 1) !== 'set') {
    node.family = fam;
    k++;
  }
  const key = c.word(k);
  // `ct count over 10` is a statement of its own, not a key: leave it to the opaque fallback.
  if (key === undefined || key === 'count') return null;
  node.key = key;
  c.i += k + 1;
  return node;
}

/** `fib saddr . iif oif`, `fib daddr type`. */
function fibExpr(c: Cursor): NftExpr | null {
  const flags: string[] = [];
  let k = 1;
  while (FIB_FLAGS.has(c.word(k) ?? '')) {
    flags.push(c.word(k)!);
    k++;
    if (!c.isWord('.', k)) break;
    k++;
  }
  const result = c.word(k);
  if (flags.length === 0 || result === undefined) return null;
  c.i += k + 1;
  return { kind: 'fib', flags, result };
}

function hashExpr(c: Cursor, fn: 'jhash' | 'symhash'): NftExpr | null {
  const start = c.i;
  c.i++;
  let expr: NftExpr | undefined;
  if (fn === 'jhash') {
    if (c.depth >= 32) {
      c.i = start;
      return null;
    }
    c.depth++;
    const e = parseKey(c);
    c.depth--;
    if (e === null) {
      c.i = start;
      return null;
    }
    expr = e;
  }
  const mod = intAfter(c, 'mod');
  if (mod === null) {
    c.i = start;
    return null;
  }
  const node: NftExpr & { kind: 'hash' } = { kind: 'hash', function: fn, mod, offset: 0 };
  if (expr) node.expr = expr;
  for (;;) {
    const seed = intAfter(c, 'seed');
    if (seed !== null) {
      node.seed = seed;
      continue;
    }
    const offset = intAfter(c, 'offset');
    if (offset === null) break;
    node.offset = offset;
  }
  return node;
}

/**
 * A packet-field or computed expression at the cursor, or null (cursor unchanged).
 *
 * @example parsePrimary(new Cursor(lexNft('ip daddr', 'f', []), 'f', [])); // { kind: 'payload', protocol: 'ip', field: 'daddr' }
 */
export function parsePrimary(c: Cursor): NftExpr | null {
  const w = c.word();
  if (w === undefined) {
    // `@th,16,16`: a raw payload field.
    if (c.isPunct('@') && ['ll', 'nh', 'th', 'ih'].includes(c.word(1) ?? '') && c.isPunct(',', 2) && c.isPunct(',', 4)) {
      const offset = parseNftInt(c.word(3) ?? '');
      const length = parseNftInt(c.word(5) ?? '');
      if (offset === null || length === null) return null;
      const base = c.word(1)!;
      c.i += 6;
      return { kind: 'rawPayload', base, offset, length };
    }
    return null;
  }
  const next = c.word(1);
  if (w === 'meta' && next !== undefined) {
    c.i += 2;
    return { kind: 'meta', key: next };
  }
  if (META_UNQUALIFIED.has(w)) {
    c.i++;
    return { kind: 'meta', key: w };
  }
  if (w === 'ct') return ctExpr(c);
  if (w === 'fib') return fibExpr(c);
  if (w === 'numgen' && (next === 'random' || next === 'inc')) {
    const start = c.i;
    c.i += 2;
    const mod = intAfter(c, 'mod');
    if (mod === null) {
      c.i = start;
      return null;
    }
    return { kind: 'numgen', mode: next, mod, offset: intAfter(c, 'offset') ?? 0 };
  }
  if (w === 'jhash' || w === 'symhash') return hashExpr(c, w);
  if (w === 'rt' && next !== undefined && (RT_KEYS.has(next) || next === 'ip' || next === 'ip6')) {
    if (next === 'ip' || next === 'ip6') {
      const key = c.word(2);
      if (key === undefined) return null;
      c.i += 3;
      return { kind: 'rt', key, family: next };
    }
    c.i += 2;
    return { kind: 'rt', key: next };
  }
  if (w === 'tcp' && next === 'option' && c.word(2) !== undefined) {
    const name = c.word(2)!;
    c.i += 3;
    const field = c.word();
    const node: NftExpr = { kind: 'exthdr', header: 'tcp option', name };
    if (field !== undefined && ['size', 'kind', 'length', 'count', 'left', 'right', 'tsval', 'tsecr', 'value', 'subtype'].includes(field)) {
      node.field = field;
      c.i++;
    }
    return node;
  }
  if (PAYLOAD.has(w) && next !== undefined && next !== 'set' && !VERDICT_WORDS.has(next) && next !== '.' && next !== ':') {
    c.i += 2;
    return { kind: 'payload', protocol: w, field: next };
  }
  return null;
}
