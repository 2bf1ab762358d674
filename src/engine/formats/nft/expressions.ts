/**
 * Expressions of nft rules and set elements: packet-field keys (`ip saddr`, `meta l4proto`,
 * `ct state`, `fib daddr type`, `numgen random mod 3`, `jhash ... mod 4`), operators (`&`, `|`, ` . `),
 * and the values on the right (literals, prefixes, ranges, flag lists, `@set`, `{ anonymous sets }`).
 * Each function returns null without moving the cursor when the tokens are not what it reads.
 */
import { diagnostic } from '../../diagnostics';
import { Cursor } from './cursor';
import type { NftElement, NftExpr, NftVerdict } from './types';
import { literal, parseNftInt, parseNftTime, valueOfWord } from './values';

const PAYLOAD = new Set([
  'ip', 'ip6', 'tcp', 'udp', 'udplite', 'sctp', 'dccp', 'th', 'icmp', 'icmpv6', 'igmp', 'ether', 'vlan', 'arp',
  'ah', 'esp', 'comp', 'gre', 'hbh', 'frag', 'dst', 'mh', 'srh', 'vxlan', 'geneve', 'cfm',
]);
/** Meta keys nft prints without `meta` (`meta_key_unqualified` in nftables' parser). */
export const META_UNQUALIFIED = new Set([
  'mark', 'iif', 'iifname', 'iiftype', 'oif', 'oifname', 'oiftype', 'skuid', 'skgid', 'nftrace', 'rtclassid',
  'ibriport', 'obriport', 'ibrname', 'obrname', 'pkttype', 'cpu', 'iifgroup', 'oifgroup', 'cgroup', 'ipsec',
]);
const RT_KEYS = new Set(['classid', 'nexthop', 'mtu', 'ipsec']);
const FIB_FLAGS = new Set(['saddr', 'daddr', 'mark', 'iif', 'oif']);
const BINOP_WORDS: Record<string, '&' | '|' | '^' | '<<' | '>>'> = {
  '&': '&', '|': '|', '^': '^', '<<': '<<', '>>': '>>', and: '&', or: '|', xor: '^', lshift: '<<', rshift: '>>',
};
export const VERDICT_WORDS = new Set(['accept', 'drop', 'continue', 'return', 'jump', 'goto']);

function intAfter(c: Cursor, keyword: string): number | null {
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
  if (key === undefined) return null;
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

/** `(fin | syn | rst | ack)`: flags ORed together, as a list. */
function parenList(c: Cursor): NftExpr | null {
  const start = c.i;
  c.i++;
  const items: NftExpr[] = [];
  while (!c.atEnd() && !c.isPunct(')')) {
    const w = c.peek()!;
    if (w.kind === 'word' || w.kind === 'string') items.push(literal(w.text, w.kind === 'string'));
    else if (!(w.kind === 'punct' && w.text === '|')) {
      c.i = start;
      return null;
    }
    c.i++;
  }
  if (!c.isPunct(')')) {
    c.i = start;
    return null;
  }
  c.i++;
  return { kind: 'list', items };
}

/** An operand of a binary operator: a key, a parenthesised flag list, or a value. */
function operand(c: Cursor): NftExpr | null {
  if (c.isPunct('(')) return parenList(c);
  return parsePrimary(c) ?? valueTerm(c);
}

/** A key with binary operators: `meta mark & 0x4000`, `meta mark | 0x4000`, `mark or 0x4000`. */
function withBinops(c: Cursor, left: NftExpr): NftExpr {
  // Each operator nests the tree one level deeper: stop at 64, leaving the rest unread (opaque).
  for (let n = 0; n < 64; n++) {
    const t = c.peek();
    const op = t && (t.kind === 'punct' || t.kind === 'word') ? BINOP_WORDS[t.text] : undefined;
    if (op === undefined) return left;
    const start = c.i;
    c.i++;
    const right = operand(c);
    if (right === null) {
      c.i = start;
      return left;
    }
    left = { kind: 'binop', op, left, right };
  }
  return left;
}

/**
 * The left side of a match, a vmap key or a mangled field: keys joined by ` . `, each with its
 * binary operators. Null when no key starts at the cursor.
 */
export function parseKey(c: Cursor): NftExpr | null {
  const first = parsePrimary(c);
  if (first === null) return null;
  const parts = [withBinops(c, first)];
  while (c.isWord('.')) {
    const start = c.i;
    c.i++;
    const next = parsePrimary(c);
    if (next === null) {
      c.i = start;
      break;
    }
    parts.push(withBinops(c, next));
  }
  return parts.length === 1 ? parts[0]! : { kind: 'concat', parts };
}

/** One value: `@set`, `{ ... }`, `(a | b)`, a string, or a word (literal, prefix, range, or `a,b` list). */
function valueTerm(c: Cursor): NftExpr | null {
  const t = c.peek();
  if (!t) return null;
  if (t.kind === 'punct' && t.text === '@') {
    const name = c.peek(1);
    if (name?.kind !== 'word' || !name.glued) return null;
    c.i += 2;
    return { kind: 'setRef', name: name.text };
  }
  if (t.kind === 'punct' && t.text === '{') return parseAnonymousSet(c);
  if (t.kind === 'punct' && t.text === '(') return parenList(c);
  if (t.kind === 'string') {
    c.i++;
    return literal(t.text, true);
  }
  if (t.kind !== 'word' || t.text === '.' || t.text === ':') return null;
  c.i++;
  const items = [valueOfWord(t.text)];
  // `established,related`: commas glued on both sides make a flag list, not set elements.
  while (c.isPunct(',') && c.peek()!.glued && c.peek(1)?.kind === 'word' && c.peek(1)!.glued) {
    items.push(valueOfWord(c.peek(1)!.text));
    c.i += 2;
  }
  return items.length === 1 ? items[0]! : { kind: 'list', items };
}

/** A value with ` . ` concatenations: `10.96.0.1 . tcp . 443`. */
export function parseValue(c: Cursor): NftExpr | null {
  const first = valueTerm(c);
  if (first === null) return null;
  const parts = [first];
  while (c.isWord('.')) {
    const start = c.i;
    c.i++;
    const next = valueTerm(c);
    if (next === null) {
      c.i = start;
      break;
    }
    parts.push(next);
  }
  return parts.length === 1 ? first : { kind: 'concat', parts };
}

/** `accept`, `drop`, `continue`, `return`, `jump CHAIN`, `goto CHAIN` at the cursor, or null. */
export function parseVerdict(c: Cursor): NftVerdict | null {
  const w = c.word();
  if (w === 'accept' || w === 'drop' || w === 'continue' || w === 'return') {
    c.i++;
    return { type: w };
  }
  if ((w === 'jump' || w === 'goto') && c.peek(1) && (c.peek(1)!.kind === 'word' || c.peek(1)!.kind === 'string')) {
    const chain = c.peek(1)!.text;
    c.i += 2;
    return { type: w, chain };
  }
  return null;
}

/** Element options: `timeout 2h`, `expires 1h59m`, `comment "x"`, `counter packets N bytes M`. */
function elementOptions(c: Cursor, el: NftElement): void {
  for (;;) {
    const w = c.word();
    if ((w === 'timeout' || w === 'expires') && c.word(1) !== undefined) {
      const s = parseNftTime(c.word(1)!);
      if (s !== null) el[w === 'timeout' ? 'timeoutSeconds' : 'expiresSeconds'] = s;
      c.i += 2;
    } else if (w === 'comment' && c.peek(1)?.kind === 'string') {
      el.comment = c.peek(1)!.text;
      c.i += 2;
    } else if (w === 'counter') {
      c.i++;
      const packets = intAfter(c, 'packets');
      const bytes = intAfter(c, 'bytes');
      el.counter = { packets: packets ?? 0, bytes: bytes ?? 0 };
    } else return;
  }
}

/** One element: `KEY [options] [: DATA] [options]`; null (with `NFT007`) when unreadable. */
export function parseElement(c: Cursor): NftElement | null {
  const start = c.i;
  const key = parseValue(c);
  if (key === null) {
    const bad = c.peek();
    c.skipToSeparator();
    if (c.i === start) c.i++;
    c.diags.push(diagnostic('NFT007', c.spanFrom(start), `Set element "${bad?.text ?? ''}" not understood; skipped.`, 'warning'));
    return null;
  }
  const el: NftElement = { key, span: c.spanFrom(start) };
  elementOptions(c, el);
  if (c.isWord(':')) {
    c.i++;
    const verdict = parseVerdict(c);
    const data = verdict ? { kind: 'verdict' as const, verdict } : parseValue(c);
    if (data === null) {
      c.skipToSeparator();
      c.diags.push(diagnostic('NFT007', c.spanFrom(start), 'A map element without a readable value; skipped.', 'warning'));
      return null;
    }
    el.data = data;
    elementOptions(c, el);
  }
  el.span = c.spanFrom(start);
  return el;
}

/** The elements between `{` (at the cursor) and its `}`; stray text is reported and skipped. */
export function parseElements(c: Cursor): NftElement[] {
  const elements: NftElement[] = [];
  c.i++;
  while (!c.atEnd()) {
    if (c.isPunct('}')) {
      c.i++;
      return elements;
    }
    if (c.isPunct(',')) {
      c.i++;
      continue;
    }
    const el = parseElement(c);
    if (el) elements.push(el);
    if (!c.isPunct(',') && !c.isPunct('}') && !c.atEnd()) {
      const from = c.i;
      c.skipToSeparator();
      if (c.i === from) c.i++;
      c.diags.push(diagnostic('NFT007', c.spanFrom(from), 'Unexpected text in a set element; skipped.', 'warning'));
    }
  }
  c.diags.push(diagnostic('NFT002', c.spanFrom(Math.max(0, c.tokens.length - 1), c.tokens.length), 'A "{" of a set is not closed.', 'warning'));
  return elements;
}

function parseAnonymousSet(c: Cursor): NftExpr | null {
  if (c.depth >= 32) return null;
  c.depth++;
  const elements = parseElements(c);
  c.depth--;
  return { kind: 'set', elements };
}
