/**
 * Expressions of nft rules: keys with operators (`meta mark & 0x4000`, `ip daddr . th dport`) and
 * the values on the right (literals, prefixes, ranges, flag lists, `@set`, `{ anonymous sets }`),
 * and verdicts. Each function returns null without moving the cursor when the tokens are not what
 * it reads. The grammar is recursive (sets hold values, `jhash` holds keys), so this module and
 * `primary.ts` / `elements.ts` call each other.
 */
import { Cursor } from './cursor';
import { parseElements } from './elements';
import { parsePrimary } from './primary';
import type { NftExpr, NftVerdict } from './types';
import { literal, valueOfWord } from './values';

const BINOP_WORDS: Record<string, '&' | '|' | '^' | '<<' | '>>'> = {
  '&': '&', '|': '|', '^': '^', '<<': '<<', '>>': '>>', and: '&', or: '|', xor: '^', lshift: '<<', rshift: '>>',
};

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

function parseAnonymousSet(c: Cursor): NftExpr | null {
  if (c.depth >= 32) return null;
  c.depth++;
  const elements = parseElements(c);
  c.depth--;
  return { kind: 'set', elements };
}
