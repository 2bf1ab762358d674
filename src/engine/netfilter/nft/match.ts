/**
 * Comparing an evaluated value with the right-hand side of an nft relation: literals,
 * prefixes, ranges, flag lists, anonymous sets and named sets (membership), concatenations.
 */
import type { NftElement, NftExpr, NftOp, NftSet } from '../../formats/nft/types';
import { inNet, parseIpv4, parseIpv4Net } from '../../net/ipv4';
import { findIndexed } from './element-index';
import { symbolValue, type NftValue } from './values';

/** The result of a comparison: undefined when the right side cannot be decided (an unknown named set). */
export type Tri = boolean | undefined;

function num(v: NftValue): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') return parseIpv4(v) ?? undefined;
  return undefined;
}

function literalEquals(v: NftValue, lit: Extract<NftExpr, { kind: 'literal' }>): boolean {
  if (Array.isArray(v)) return v.some((x) => typeof x === 'string' && x === lit.text);
  if (typeof v === 'number') return v === (lit.number ?? symbolValue(lit.text) ?? parseIpv4(lit.text) ?? NaN);
  if (lit.quoted && lit.text.endsWith('*')) return v.startsWith(lit.text.slice(0, -1)); // iifname "cali*"
  return v === lit.text;
}

/** Whether a single (non-concatenated) value is in a key expression: literal, prefix, range. */
function inKey(v: NftValue, key: NftExpr): boolean {
  switch (key.kind) {
    case 'literal':
      return literalEquals(v, key);
    case 'prefix': {
      const ip = typeof v === 'string' ? parseIpv4(v) : null;
      const net = parseIpv4Net(`${key.addr}/${key.length}`);
      return ip !== null && net !== null && inNet(ip, net);
    }
    case 'range': {
      const x = num(v);
      const lo = key.low.kind === 'literal' ? key.low.number ?? parseIpv4(key.low.text) : null;
      const hi = key.high.kind === 'literal' ? key.high.number ?? parseIpv4(key.high.text) : null;
      return x !== undefined && lo != null && hi != null && x >= lo && x <= hi;
    }
    case 'list':
      return key.items.some((i) => inKey(v, i));
    case 'concat':
      return Array.isArray(v) && v.length === key.parts.length && key.parts.every((part, i) => inKey(v[i]!, part));
    default:
      return false;
  }
}

/** The element whose key holds the value, if any. */
export function findElement(elements: NftElement[], v: NftValue): NftElement | undefined {
  return findIndexed(elements, v, inKey);
}

/** The scan that the index stands in for; tests compare the two. */
export function scanElements(elements: NftElement[], v: NftValue): NftElement | undefined {
  return elements.find((el) => inKey(v, el.key));
}

export function compare(v: NftValue, op: NftOp, right: NftExpr, sets: Map<string, NftSet>): Tri {
  let hit: Tri;
  if (right.kind === 'set') hit = !!findElement(right.elements, v);
  else if (right.kind === 'setRef') {
    const set = sets.get(right.name);
    hit = set ? !!findElement(set.elements, v) : undefined;
  } else if (op === 'in' || Array.isArray(v)) {
    // A flag test: any of the listed flags is set.
    const wanted = right.kind === 'list' ? right.items : [right];
    hit = wanted.some((w) => inKey(v, w));
  } else if (op === '<' || op === '>' || op === '<=' || op === '>=') {
    const a = num(v);
    const b = right.kind === 'literal' ? right.number ?? parseIpv4(right.text) ?? undefined : undefined;
    if (a === undefined || b === undefined) return undefined;
    return op === '<' ? a < b : op === '>' ? a > b : op === '<=' ? a <= b : a >= b;
  } else hit = inKey(v, right);
  if (hit === undefined) return undefined;
  return op === '!=' ? !hit : hit;
}
