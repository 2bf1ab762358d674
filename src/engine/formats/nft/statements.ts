/**
 * A rule's statements, left to right: matches (`ip daddr 10.0.0.1`, `tcp dport != 22`,
 * `ct state established,related`, `ip saddr @set`), lookups (`... vmap @map`), changes
 * (`meta mark set ...`, `update @set { ... }`, `dnat to ...`), logging and counting, and the verdict.
 * Whatever is not understood becomes one `opaque` statement holding the rest of the rule's text,
 * except a final verdict, which is still read: the rule is kept and marked, never dropped.
 */
import { diagnostic, type Diagnostic } from '../../diagnostics';
import { looksLikeIpv6 } from '../ip-link/text-lines';
import { Cursor } from './cursor';
import { parseKey, parseValue, parseVerdict } from './expressions';
import { counterStmt, limitStmt, logStmt, queueStmt, quotaStmt, rejectStmt, type Body } from './simple-statements';
import type { NftToken } from './lexer';
import type { NftExpr, NftOp, NftStatement } from './types';
import { literal, parseNftTime, valueOfWord } from './values';
import { msg } from '../../explain/message';

const OPS: Record<string, NftOp> = { '==': '==', '!=': '!=', '<': '<', '>': '>', '<=': '<=', '>=': '>=', eq: '==', ne: '!=', lt: '<', gt: '>', le: '<=', ge: '>=' };
const NAT_FLAGS = new Set(['random', 'fully-random', 'persistent', 'netmap', 'prefix']);

/** Left sides whose implicit operator is a flag test (`ct state new` ⇔ `ct state & new != 0`). */
function isBitmask(e: NftExpr): boolean {
  return (e.kind === 'ct' && (e.key === 'state' || e.key === 'status' || e.key === 'event'))
    || (e.kind === 'payload' && e.protocol === 'tcp' && e.field === 'flags');
}

/** Splits `10.0.0.5:80`, `[fd00::1]:80`, `:443`, `10.0.0.7:7000-7010` into address and port. */
function natTarget(text: string): { addr?: NftExpr; port?: NftExpr } {
  if (text.startsWith(':')) return { port: valueOfWord(text.slice(1)) };
  if (text.startsWith('[')) {
    const close = text.indexOf(']');
    if (close > 0) {
      const out: { addr?: NftExpr; port?: NftExpr } = { addr: valueOfWord(text.slice(1, close)) };
      if (text[close + 1] === ':' && close + 2 < text.length) out.port = valueOfWord(text.slice(close + 2));
      return out;
    }
  }
  const colon = text.lastIndexOf(':');
  if (colon > 0 && !looksLikeIpv6(text) && !looksLikeIpv6(text.split('-')[0] ?? '')) {
    return { addr: valueOfWord(text.slice(0, colon)), port: valueOfWord(text.slice(colon + 1)) };
  }
  return { addr: valueOfWord(text) };
}

function natStmt(c: Cursor, nat: 'dnat' | 'snat' | 'masquerade' | 'redirect'): Body {
  c.i++;
  const s: Body & { kind: 'nat' } = { kind: 'nat', nat, flags: [] };
  if (c.isWord('ip') || c.isWord('ip6')) {
    s.family = c.word() as 'ip' | 'ip6';
    c.i++;
  }
  if (c.isWord('to')) {
    c.i++;
    const key = parseKey(c);
    if (key !== null) {
      if (c.isWord('map')) {
        c.i++;
        s.addr = { kind: 'map', key, data: parseValue(c) ?? { kind: 'set', elements: [] } };
      } else s.addr = key;
    } else {
      const t = c.peek();
      if (t?.kind === 'word') {
        c.i++;
        Object.assign(s, natTarget(t.text));
      }
    }
  }
  // `random`, `fully-random,persistent`: flags separated by spaces or glued commas.
  while (NAT_FLAGS.has(c.word() ?? '')) {
    s.flags.push(c.word()!);
    c.i++;
    if (c.isPunct(',') && NAT_FLAGS.has(c.word(1) ?? '')) c.i++;
  }
  return s;
}

function setUpdateStmt(c: Cursor): Body | null {
  const op = c.word() as 'add' | 'update' | 'delete';
  const name = c.peek(2);
  if (!c.isPunct('@', 1) || name?.kind !== 'word' || !c.isPunct('{', 3)) return null;
  const start = c.i;
  c.i += 4;
  const key = parseKey(c) ?? parseValue(c);
  const s: Body & { kind: 'setUpdate' } = { kind: 'setUpdate', op, set: name.text, key: key ?? literal('') };
  if (c.isWord('timeout')) {
    const t = parseNftTime(c.word(1) ?? '');
    if (t !== null) s.timeoutSeconds = t;
    c.i += 2;
  }
  if (key === null || !c.isPunct('}')) {
    c.i = start;
    return null;
  }
  c.i++;
  return s;
}

/** A match, mangle or vmap statement starting with a key; null (cursor unchanged) otherwise. */
function keyedStmt(c: Cursor): Body | null {
  const start = c.i;
  const left = parseKey(c);
  if (left === null) return null;
  if (c.isWord('set')) {
    c.i++;
    const value = parseKey(c) ?? parseValue(c);
    if (value !== null) return { kind: 'mangle', target: left, value };
  } else if (c.isWord('vmap')) {
    c.i++;
    const map = parseValue(c);
    if (map !== null && (map.kind === 'setRef' || map.kind === 'set')) return { kind: 'vmap', key: left, map };
  } else {
    const t = c.peek();
    let op: NftOp | undefined = t && (t.kind === 'punct' || t.kind === 'word') ? OPS[t.text] : undefined;
    const explicit = op !== undefined;
    if (explicit) c.i++;
    const right = parseValue(c);
    if (right !== null) {
      let l = left;
      if (c.isWord('/')) {
        const mark = c.i;
        c.i++;
        const mask = parseValue(c);
        if (mask !== null) l = { kind: 'binop', op: '&', left, right: mask };
        else c.i = mark;
      }
      op ??= l === left && isBitmask(left) && right.kind !== 'set' && right.kind !== 'setRef' ? 'in' : '==';
      return { kind: 'match', op, left: l, right };
    }
  }
  c.i = start;
  return null;
}

function statementAt(c: Cursor): Body | null {
  const w = c.word();
  const verdict = parseVerdict(c);
  if (verdict) return { kind: 'verdict', verdict };
  switch (w) {
    case 'counter': return counterStmt(c);
    case 'log': return logStmt(c);
    case 'limit': return limitStmt(c);
    case 'quota': return quotaStmt(c);
    case 'notrack':
      c.i++;
      return { kind: 'notrack' };
    case 'dnat': case 'snat': case 'masquerade': case 'redirect': return natStmt(c, w);
    case 'reject': return rejectStmt(c);
    case 'queue': return queueStmt(c);
    case 'xt': {
      const type = c.word(1);
      const name = c.peek(2);
      if ((type === 'match' || type === 'target' || type === 'watcher') && name && (name.kind === 'word' || name.kind === 'string')) {
        c.i += 3;
        return { kind: 'xt', xtType: type, name: name.text };
      }
      return null;
    }
    case 'add': case 'update': case 'delete': return setUpdateStmt(c);
    default: return keyedStmt(c);
  }
}

/** How many tokens at the end form a verdict (`accept`, `jump X`), so an opaque rule keeps it. */
function trailingVerdict(tokens: NftToken[], from: number): number {
  const n = tokens.length;
  const last = tokens[n - 1];
  const prev = tokens[n - 2];
  if (n - from >= 2 && prev?.kind === 'word' && (prev.text === 'jump' || prev.text === 'goto')) return 2;
  if (n - from >= 1 && last?.kind === 'word' && ['accept', 'drop', 'continue', 'return'].includes(last.text)) return 1;
  return 0;
}

export interface ParsedRule {
  statements: NftStatement[];
  comment?: string;
  opaque: boolean;
}

/**
 * Parses the tokens of one rule (no newlines, no `# handle` comment). `xtSeen` keeps `NFT009` to one
 * note per compat expression name.
 *
 * @example parseRuleTokens(lexNft('ip saddr 10.0.0.1 jump mark-for-masquerade', 'f', []), 'f', []).statements.map((s) => s.kind);
 * // ['match', 'verdict']
 */
export function parseRuleTokens(tokens: NftToken[], file: string, diags: Diagnostic[], xtSeen = new Set<string>()): ParsedRule {
  const result: ParsedRule = { statements: [], opaque: false };
  let toks = tokens;
  const n = toks.length;
  if (n >= 2 && toks[n - 2]!.kind === 'word' && toks[n - 2]!.text === 'comment' && toks[n - 1]!.kind === 'string') {
    result.comment = toks[n - 1]!.text;
    toks = toks.slice(0, n - 2);
  }
  const c = new Cursor(toks, file, diags);
  while (!c.atEnd()) {
    const start = c.i;
    const body = statementAt(c);
    if (body !== null && c.i > start) {
      result.statements.push({ ...body, text: c.textFrom(start), span: c.spanFrom(start) } as NftStatement);
      if (body.kind === 'xt') {
        result.opaque = true;
        // Once per compat expression: iptables-nft tables repeat the same few on many rules.
        if (xtSeen.has(`${body.xtType} ${body.name}`)) continue;
        xtSeen.add(`${body.xtType} ${body.name}`);
        diags.push(diagnostic('NFT009', c.spanFrom(start), msg('diag.NFT009.iptablesCompatExpressionXt2', { bodyXtType: body.xtType, bodyName: body.name }), 'info'));
      }
      continue;
    }
    const keep = trailingVerdict(toks, start);
    const end = toks.length - keep;
    const span = c.spanFrom(start, Math.max(end, start + 1));
    const text = c.textFrom(start, Math.max(end, start + 1));
    result.statements.push({ kind: 'opaque', reason: `"${toks[start]!.text}" is not understood here`, text, span });
    diags.push(diagnostic('NFT008', span, msg('diag.NFT008.ruleExpressionUnderstoodKept2', { text: text.length > 60 ? `${text.slice(0, 57)}...` : text }), 'warning'));
    result.opaque = true;
    c.i = Math.max(end, start + 1);
  }
  return result;
}
