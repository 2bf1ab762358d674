/**
 * libnftables JSON expressions and statements (`libnftables-json(5)`) → the same AST the text
 * parser builds. Each function returns null for what it does not know; the caller then keeps the
 * whole statement as opaque JSON text. Nesting deeper than 64 levels is treated as unknown.
 */
import type { SourceSpan } from '../../diagnostics';
import type { NftElement, NftExpr, NftOp, NftStatement, NftVerdict } from './types';
import { literal } from './values';

type Body = NftStatement extends infer S ? (S extends NftStatement ? Omit<S, 'text' | 'span'> : never) : never;
type Json = unknown;
type Obj = Record<string, Json>;

const MAX_DEPTH = 64;
const BINOPS = new Set(['&', '|', '^', '<<', '>>']);
const OPS = new Set<NftOp>(['==', '!=', '<', '>', '<=', '>=', 'in']);
const VERDICTS = new Set(['accept', 'drop', 'continue', 'return']);

export function isObj(j: Json): j is Obj {
  return typeof j === 'object' && j !== null && !Array.isArray(j);
}

/** The single key of `{ "key": value }` and its value, or null. */
export function single(j: Json): [string, Json] | null {
  if (!isObj(j)) return null;
  const keys = Object.keys(j);
  return keys.length === 1 ? [keys[0]!, j[keys[0]!]] : null;
}

const str = (j: Json): string | undefined => (typeof j === 'string' ? j : undefined);
const num = (j: Json): number | undefined => (typeof j === 'number' && Number.isFinite(j) ? j : undefined);
const strs = (j: Json): string[] => (typeof j === 'string' ? [j] : Array.isArray(j) ? j.filter((x): x is string => typeof x === 'string') : []);

/** A verdict object (`{"accept": null}`, `{"goto": {"target": "x"}}`), or null. */
export function jsonVerdict(j: Json): NftVerdict | null {
  const kv = single(j);
  if (!kv) return null;
  const [k, v] = kv;
  if (VERDICTS.has(k)) return { type: k as 'accept' };
  if ((k === 'jump' || k === 'goto') && isObj(v) && typeof v.target === 'string') return { type: k, chain: v.target };
  return null;
}

/** One set or map element: `value`, `{"elem": {...}}`, or `[key, data]` for maps. */
export function jsonElement(j: Json, span: SourceSpan, depth = 0): NftElement | null {
  if (depth > MAX_DEPTH) return null;
  if (Array.isArray(j) && j.length === 2) {
    const el = jsonElement(j[0], span, depth + 1);
    const data = jsonVerdict(j[1]);
    const value = data ? { kind: 'verdict' as const, verdict: data } : jsonExpr(j[1], span, depth + 1);
    if (!el || !value) return null;
    el.data = value;
    return el;
  }
  const kv = single(j);
  if (kv && kv[0] === 'elem' && isObj(kv[1])) {
    const e = kv[1];
    const key = jsonExpr(e.val, span, depth + 1);
    if (!key) return null;
    const el: NftElement = { key, span };
    if (num(e.timeout) !== undefined) el.timeoutSeconds = num(e.timeout)!;
    if (num(e.expires) !== undefined) el.expiresSeconds = num(e.expires)!;
    if (str(e.comment) !== undefined) el.comment = str(e.comment)!;
    if (isObj(e.counter)) el.counter = { packets: num(e.counter.packets) ?? 0, bytes: num(e.counter.bytes) ?? 0 };
    return el;
  }
  const key = jsonExpr(j, span, depth + 1);
  return key ? { key, span } : null;
}

function elements(j: Json, span: SourceSpan, depth: number): NftElement[] | null {
  const items = Array.isArray(j) ? j : [j];
  const out: NftElement[] = [];
  for (const item of items) {
    const el = jsonElement(item, span, depth + 1);
    if (!el) return null;
    out.push(el);
  }
  return out;
}

/**
 * `span` is given to the elements of anonymous sets (JSON has no finer position than the rule's).
 *
 * @example jsonExpr({ payload: { protocol: 'ip', field: 'daddr' } }, span); // { kind: 'payload', protocol: 'ip', field: 'daddr' }
 */
export function jsonExpr(j: Json, span: SourceSpan, depth = 0): NftExpr | null {
  if (depth > MAX_DEPTH) return null;
  if (typeof j === 'number') return literal(String(j));
  if (typeof j === 'string') return j.startsWith('@') ? { kind: 'setRef', name: j.slice(1) } : literal(j);
  if (typeof j === 'boolean') return literal(j ? 'exists' : 'missing');
  if (Array.isArray(j)) {
    const items = j.map((x) => jsonExpr(x, span, depth + 1));
    return items.every((x) => x !== null) ? { kind: 'list', items: items as NftExpr[] } : null;
  }
  const kv = single(j);
  if (!kv) return null;
  const [k, v] = kv;
  const o = isObj(v) ? v : {};
  const verdict = jsonVerdict(j);
  if (verdict) return { kind: 'verdict', verdict };
  switch (k) {
    case 'payload':
      if (typeof o.protocol === 'string' && typeof o.field === 'string') return { kind: 'payload', protocol: o.protocol, field: o.field };
      if (typeof o.base === 'string' && num(o.offset) !== undefined && num(o.len) !== undefined) return { kind: 'rawPayload', base: o.base, offset: num(o.offset)!, length: num(o.len)! };
      return null;
    case 'tcp option':
    case 'ip option':
    case 'exthdr': {
      if (typeof o.name !== 'string') return null;
      const node: NftExpr = { kind: 'exthdr', header: k === 'exthdr' ? 'exthdr' : k, name: o.name };
      if (typeof o.field === 'string') node.field = o.field;
      return node;
    }
    case 'meta': return typeof o.key === 'string' ? { kind: 'meta', key: o.key } : null;
    case 'ct': {
      if (typeof o.key !== 'string') return null;
      const node: NftExpr & { kind: 'ct' } = { kind: 'ct', key: o.key };
      if (o.dir === 'original' || o.dir === 'reply') node.direction = o.dir;
      if (o.family === 'ip' || o.family === 'ip6') node.family = o.family;
      return node;
    }
    case 'fib': return typeof o.result === 'string' ? { kind: 'fib', flags: strs(o.flags), result: o.result } : null;
    case 'numgen':
      return (o.mode === 'random' || o.mode === 'inc') && num(o.mod) !== undefined ? { kind: 'numgen', mode: o.mode, mod: num(o.mod)!, offset: num(o.offset) ?? 0 } : null;
    case 'jhash':
    case 'symhash': {
      if (num(o.mod) === undefined) return null;
      const node: NftExpr & { kind: 'hash' } = { kind: 'hash', function: k, mod: num(o.mod)!, offset: num(o.offset) ?? 0 };
      if (o.expr !== undefined) {
        const e = jsonExpr(o.expr, span, depth + 1);
        if (!e) return null;
        node.expr = e;
      }
      if (num(o.seed) !== undefined) node.seed = num(o.seed)!;
      return node;
    }
    case 'rt': {
      if (typeof o.key !== 'string') return null;
      return o.family === 'ip' || o.family === 'ip6' ? { kind: 'rt', key: o.key, family: o.family } : { kind: 'rt', key: o.key };
    }
    case 'prefix': return typeof o.addr === 'string' && num(o.len) !== undefined ? { kind: 'prefix', addr: o.addr, length: num(o.len)! } : null;
    case 'range': {
      if (!Array.isArray(v) || v.length !== 2) return null;
      const [low, high] = [jsonExpr(v[0], span, depth + 1), jsonExpr(v[1], span, depth + 1)];
      return low && high ? { kind: 'range', low, high } : null;
    }
    case 'concat': {
      if (!Array.isArray(v)) return null;
      const parts = v.map((x) => jsonExpr(x, span, depth + 1));
      return parts.every((x) => x !== null) ? { kind: 'concat', parts: parts as NftExpr[] } : null;
    }
    case 'set': {
      const els = elements(v, span, depth);
      return els ? { kind: 'set', elements: els } : null;
    }
    case 'map': {
      const key = jsonExpr(o.key, span, depth + 1);
      const data = jsonExpr(o.data, span, depth + 1);
      return key && data ? { kind: 'map', key, data } : null;
    }
    case 'elem': return isObj(v) ? jsonExpr(v.val, span, depth + 1) : null;
    default:
      if (BINOPS.has(k) && Array.isArray(v) && v.length >= 2 && v.length <= MAX_DEPTH) {
        const parts = v.map((x) => jsonExpr(x, span, depth + 1));
        if (parts.some((x) => x === null)) return null;
        let acc = parts[0]!;
        for (const p of parts.slice(1)) acc = { kind: 'binop', op: k as '&', left: acc, right: p! };
        return acc;
      }
      return null;
  }
}

const flagsOf = (j: Json): string[] => strs(j);

/** One statement of a rule's `expr` array, or null when not understood. */
export function jsonStatement(j: Json, span: SourceSpan): Body | null {
  const verdict = jsonVerdict(j);
  if (verdict) return { kind: 'verdict', verdict };
  const kv = single(j);
  if (!kv) return null;
  const [k, v] = kv;
  const o = isObj(v) ? v : {};
  switch (k) {
    case 'match': {
      const op = (o.op ?? '==') as NftOp;
      const left = jsonExpr(o.left, span);
      const right = jsonExpr(o.right, span);
      return OPS.has(op) && left && right ? { kind: 'match', op, left, right } : null;
    }
    case 'vmap': {
      const key = jsonExpr(o.key, span);
      const map = jsonExpr(o.data, span);
      return key && map && (map.kind === 'setRef' || map.kind === 'set') ? { kind: 'vmap', key, map } : null;
    }
    case 'mangle': {
      const target = jsonExpr(o.key, span);
      const value = jsonExpr(o.value, span);
      return target && value ? { kind: 'mangle', target, value } : null;
    }
    case 'counter':
      if (typeof v === 'string') return { kind: 'counter', name: v };
      return num(o.packets) !== undefined && num(o.bytes) !== undefined ? { kind: 'counter', packets: num(o.packets)!, bytes: num(o.bytes)! } : { kind: 'counter' };
    case 'log': {
      const s: Body & { kind: 'log' } = { kind: 'log', flags: flagsOf(o.flags) };
      if (typeof o.prefix === 'string') s.prefix = o.prefix;
      if (typeof o.level === 'string') s.level = o.level;
      if (num(o.group) !== undefined) s.group = num(o.group)!;
      return s;
    }
    case 'limit': {
      if (typeof v === 'string') return { kind: 'limit', rate: 0, unit: 'packets', per: 'second', over: false, name: v };
      if (num(o.rate) === undefined) return null;
      const s: Body & { kind: 'limit' } = { kind: 'limit', rate: num(o.rate)!, unit: str(o.rate_unit) ?? 'packets', per: str(o.per) ?? 'second', over: o.inv === true };
      if (num(o.burst) !== undefined) s.burst = num(o.burst)!;
      return s;
    }
    case 'quota': {
      if (typeof v === 'string') return { kind: 'quota', name: v, over: false };
      const unit: Record<string, number> = { bytes: 1, kbytes: 1024, mbytes: 1024 ** 2, gbytes: 1024 ** 3 };
      const s: Body & { kind: 'quota' } = { kind: 'quota', over: o.inv === true };
      if (num(o.val) !== undefined) s.bytes = num(o.val)! * (unit[str(o.val_unit) ?? 'bytes'] ?? 1);
      if (num(o.used) !== undefined) s.usedBytes = num(o.used)! * (unit[str(o.used_unit) ?? 'bytes'] ?? 1);
      return s;
    }
    case 'notrack': return { kind: 'notrack' };
    case 'dnat': case 'snat': case 'masquerade': case 'redirect': {
      const s: Body & { kind: 'nat' } = { kind: 'nat', nat: k, flags: flagsOf(o.flags) };
      if (o.family === 'ip' || o.family === 'ip6') s.family = o.family;
      for (const field of ['addr', 'port'] as const) {
        if (o[field] === undefined) continue;
        const e = jsonExpr(o[field], span);
        if (!e) return null;
        s[field] = e;
      }
      return s;
    }
    case 'reject': {
      const s: Body & { kind: 'reject' } = { kind: 'reject' };
      if (o.type === 'icmp' || o.type === 'icmpv6' || o.type === 'icmpx' || o.type === 'tcp reset') s.type = o.type;
      if (typeof o.expr === 'string') s.code = o.expr;
      return s;
    }
    case 'queue': {
      const s: Body & { kind: 'queue' } = { kind: 'queue', flags: flagsOf(o.flags) };
      if (o.num !== undefined) s.num = typeof o.num === 'number' ? String(o.num) : JSON.stringify(o.num);
      return s;
    }
    case 'xt':
      return (o.type === 'match' || o.type === 'target' || o.type === 'watcher') && typeof o.name === 'string' ? { kind: 'xt', xtType: o.type, name: o.name } : null;
    case 'set': {
      const op = o.op;
      const name = str(o.set);
      if ((op !== 'add' && op !== 'update' && op !== 'delete') || !name) return null;
      const el = jsonElement(o.elem, span);
      if (!el) return null;
      const s: Body & { kind: 'setUpdate' } = { kind: 'setUpdate', op, set: name.replace(/^@/, ''), key: el.key };
      if (el.timeoutSeconds !== undefined) s.timeoutSeconds = el.timeoutSeconds;
      return s;
    }
    default:
      return null;
  }
}
