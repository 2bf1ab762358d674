/**
 * Finding the element of a big set or map that holds a value (kube-proxy's `service-ips` map
 * has one element per Service port) by a hash of its literal key, instead of trying each
 * element. The first element in listing order wins, as a scan finds it: elements the index
 * cannot key (prefixes, ranges, wildcards, lists) are tried in order before a keyed hit.
 */
import type { NftElement, NftExpr } from '../../formats/nft/types';
import { parseIpv4 } from '../../net/ipv4';
import { symbolValue, type NftValue } from './values';

/** Smaller sets are scanned. */
const INDEX_MIN_ELEMENTS = 32;

type Primitive = number | string;

interface SignatureIndex {
  first: Map<string, number>;
  others: number[];
}

/** How a literal compares with a value of this type, as a key part; null when it cannot be keyed. */
function literalPart(lit: Extract<NftExpr, { kind: 'literal' }>, type: 'n' | 's'): string | null {
  if (type === 'n') {
    const n = lit.number ?? symbolValue(lit.text) ?? parseIpv4(lit.text);
    return n === null || n === undefined ? '\u0001' : String(n);
  }
  return lit.quoted && lit.text.endsWith('*') ? null : lit.text;
}

/** The value's type signature: 'n', 's', or the types of a concatenation's parts; null when not keyable. */
function signatureOf(v: NftValue): string | null {
  if (typeof v === 'number') return 'n';
  if (typeof v === 'string') return 's';
  let sig = 'c';
  for (const part of v) {
    if (typeof part === 'number') sig += 'n';
    else if (typeof part === 'string') sig += 's';
    else return null;
  }
  return sig;
}

function valueKey(v: NftValue): string {
  return Array.isArray(v) ? v.join('\u0000') : String(v);
}

/** The element's key for values of this signature; 'never' when it cannot hold such a value; null when it must be tried. */
function elementKey(key: NftExpr, sig: string): string | 'never' | null {
  if (sig === 'n' || sig === 's') {
    if (key.kind === 'concat') return 'never';
    return key.kind === 'literal' ? literalPart(key, sig) : null;
  }
  if (key.kind !== 'concat') return null;
  if (key.parts.length !== sig.length - 1) return 'never';
  const parts: string[] = [];
  for (let i = 0; i < key.parts.length; i++) {
    const part = key.parts[i]!;
    if (part.kind !== 'literal') return null;
    const k = literalPart(part, sig[i + 1] as 'n' | 's');
    if (k === null) return null;
    parts.push(k);
  }
  return parts.join('\u0000');
}

const cache = new WeakMap<NftElement[], Map<string, SignatureIndex>>();

function indexFor(elements: NftElement[], sig: string): SignatureIndex {
  let bySig = cache.get(elements);
  if (!bySig) cache.set(elements, (bySig = new Map()));
  let index = bySig.get(sig);
  if (index) return index;
  index = { first: new Map(), others: [] };
  for (let i = 0; i < elements.length; i++) {
    const k = elementKey(elements[i]!.key, sig);
    if (k === 'never') continue;
    if (k === null) index.others.push(i);
    else if (!index.first.has(k)) index.first.set(k, i);
  }
  bySig.set(sig, index);
  return index;
}

/** The first element, in listing order, whose key holds `v`; `holds` is the scan's own test. */
export function findIndexed(elements: NftElement[], v: NftValue, holds: (v: NftValue, key: NftExpr) => boolean): NftElement | undefined {
  const sig = elements.length >= INDEX_MIN_ELEMENTS ? signatureOf(v) : null;
  if (sig === null) return elements.find((el) => holds(v, el.key));
  const index = indexFor(elements, sig);
  let best = index.first.get(valueKey(v as Primitive | Primitive[])) ?? Infinity;
  for (const i of index.others) {
    if (i >= best) break;
    if (holds(v, elements[i]!.key)) best = i;
  }
  return best === Infinity ? undefined : elements[best];
}
