/**
 * The statements that take only options: `counter`, `log`, `limit`, `quota`, `reject`, `queue`.
 */
import { Cursor } from './cursor';
import type { NftStatement } from './types';
import { parseNftInt } from './values';

/** A statement without its `text` and `span`, which the caller adds. */
export type Body = NftStatement extends infer S ? (S extends NftStatement ? Omit<S, 'text' | 'span'> : never) : never;

const BYTE_UNITS: Record<string, number> = { bytes: 1, kbytes: 1024, mbytes: 1024 * 1024, gbytes: 1024 * 1024 * 1024 };

function nameArg(c: Cursor): string | null {
  const t = c.peek();
  if (t && (t.kind === 'word' || t.kind === 'string')) {
    c.i++;
    return t.text;
  }
  return null;
}

/** A comma list glued together (`flags interval,timeout`, `flags all`). */
function wordList(c: Cursor): string[] {
  const out: string[] = [];
  const first = c.word();
  if (first === undefined) return out;
  out.push(first);
  c.i++;
  while (c.isPunct(',') && c.peek()!.glued && c.word(1) !== undefined) {
    out.push(c.word(1)!);
    c.i += 2;
  }
  return out;
}

export function counterStmt(c: Cursor): Body {
  c.i++;
  if (c.isWord('name')) {
    c.i++;
    return { kind: 'counter', name: nameArg(c) ?? '' };
  }
  const s: Body & { kind: 'counter' } = { kind: 'counter' };
  if (c.isWord('packets') && c.isWord('bytes', 2)) {
    const p = parseNftInt(c.word(1) ?? '');
    const b = parseNftInt(c.word(3) ?? '');
    if (p !== null && b !== null) {
      s.packets = p;
      s.bytes = b;
      c.i += 4;
    }
  }
  return s;
}

export function logStmt(c: Cursor): Body {
  c.i++;
  const s: Body & { kind: 'log' } = { kind: 'log', flags: [] };
  for (;;) {
    const w = c.word();
    if (w === 'prefix' && c.peek(1)?.kind === 'string') s.prefix = c.peek(1)!.text;
    else if (w === 'level' && c.word(1) !== undefined) s.level = c.word(1);
    else if (w === 'group' && parseNftInt(c.word(1) ?? '') !== null) s.group = parseNftInt(c.word(1)!)!;
    else if ((w === 'snaplen' || w === 'queue-threshold') && c.word(1) !== undefined) { /* kept in the text only */ }
    else if (w === 'flags') {
      c.i++;
      s.flags.push(...wordList(c));
      // `flags tcp sequence,options`, `flags ip options`: a protocol, then its flags.
      if ((s.flags[s.flags.length - 1] === 'tcp' || s.flags[s.flags.length - 1] === 'ip') && (c.isWord('sequence') || c.isWord('options'))) s.flags.push(...wordList(c));
      continue;
    } else return s;
    c.i += 2;
  }
}

export function limitStmt(c: Cursor): Body | null {
  const start = c.i;
  c.i++;
  if (c.isWord('name')) {
    c.i++;
    return { kind: 'limit', rate: 0, unit: 'packets', per: 'second', over: false, name: nameArg(c) ?? '' };
  }
  if (!c.isWord('rate')) return null;
  c.i++;
  const over = c.isWord('over');
  if (over) c.i++;
  const w = c.word() ?? '';
  let rate: number | null;
  let unit = 'packets';
  let per: string;
  const slash = w.indexOf('/');
  if (slash > 0) {
    rate = parseNftInt(w.slice(0, slash));
    per = w.slice(slash + 1);
    c.i++;
  } else {
    rate = parseNftInt(w);
    const u = c.word(1) ?? '';
    const us = u.indexOf('/');
    unit = us > 0 ? u.slice(0, us) : '';
    per = us > 0 ? u.slice(us + 1) : '';
    c.i += 2;
  }
  if (rate === null || per === '' || unit === '') {
    c.i = start;
    return null;
  }
  const s: Body & { kind: 'limit' } = { kind: 'limit', rate, unit, per, over };
  if (c.isWord('burst') && parseNftInt(c.word(1) ?? '') !== null) {
    s.burst = parseNftInt(c.word(1)!)!;
    c.i += 2;
    if (c.isWord('packets') || BYTE_UNITS[c.word() ?? ''] !== undefined) c.i++;
  }
  return s;
}

export function quotaStmt(c: Cursor): Body {
  c.i++;
  if (c.isWord('name')) {
    c.i++;
    return { kind: 'quota', name: nameArg(c) ?? '', over: false };
  }
  const s: Body & { kind: 'quota' } = { kind: 'quota', over: false };
  if (c.isWord('over') || c.isWord('until')) {
    s.over = c.isWord('over');
    c.i++;
  }
  const amount = (): number | null => {
    const n = parseNftInt(c.word() ?? '');
    const unit = BYTE_UNITS[c.word(1) ?? ''];
    if (n === null || unit === undefined) return null;
    c.i += 2;
    return n * unit;
  };
  const bytes = amount();
  if (bytes !== null) s.bytes = bytes;
  if (c.isWord('used')) {
    c.i++;
    const used = amount();
    if (used !== null) s.usedBytes = used;
  }
  return s;
}

export function rejectStmt(c: Cursor): Body {
  c.i++;
  const s: Body & { kind: 'reject' } = { kind: 'reject' };
  if (!c.isWord('with')) return s;
  const kind = c.word(1);
  if (kind === 'tcp' && c.isWord('reset', 2)) {
    s.type = 'tcp reset';
    c.i += 3;
  } else if (kind === 'icmp' || kind === 'icmpv6' || kind === 'icmpx') {
    s.type = kind;
    c.i += 2;
    if (c.isWord('type')) c.i++;
    const code = c.word();
    if (code !== undefined) {
      s.code = code;
      c.i++;
    }
  }
  return s;
}

export function queueStmt(c: Cursor): Body {
  c.i++;
  const s: Body & { kind: 'queue' } = { kind: 'queue', flags: [] };
  for (;;) {
    const w = c.word();
    if ((w === 'num' || w === 'to') && c.word(1) !== undefined) {
      s.num = c.word(1);
      c.i += 2;
    } else if (w === 'flags') {
      c.i++;
      s.flags.push(...wordList(c));
    } else if (w === 'bypass' || w === 'fanout') {
      s.flags.push(w);
      c.i++;
    } else return s;
  }
}
