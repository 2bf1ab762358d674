/**
 * Target information in `iptables -L` rows, turned back into the options iptables-save would
 * print, so the simulator sees one representation whichever dump it got:
 *   `to:10.244.1.5:8080` → `--to-destination` (DNAT) / `--to-source` (SNAT);
 *   `masq ports: 1-2`, `redir ports 8080` → `--to-ports`;  `reject-with X` → `--reject-with`;
 *   `MARK or|xor|set|and|xset` → `--set-xmark V/M` (libxt_MARK's own canonical form);
 *   `LOG flags N level L prefix "P"` → `--log-level`, `--log-prefix` and the flag options.
 */
import type { SourceSpan } from '../../diagnostics';
import type { Token } from './tokenize';
import type { Option } from './types';
import { parseU32 } from './validate-option';

export interface TargetInfo {
  options: Option[];
  /** Index of the first word not consumed. */
  next: number;
}

const hex = (n: number): string => `0x${(n >>> 0).toString(16)}`;

/**
 * `MARK or 0x4000` → `0x4000/0x4000`: or X → X/X, xor X → X/0, set X → X/0xffffffff,
 * and X → 0/~X, xset V/M → V/M (new mark = (old & ~M) ^ V). Null when the value is not a number.
 */
export function markToXmark(op: string, value: string): string | null {
  if (op === 'xset') {
    const slash = value.indexOf('/');
    const v = parseU32(slash < 0 ? value : value.slice(0, slash));
    const m = slash < 0 ? 0xffffffff : parseU32(value.slice(slash + 1));
    return v === null || m === null ? null : `${hex(v)}/${hex(m)}`;
  }
  const x = parseU32(value);
  if (x === null) return null;
  switch (op) {
    case 'or': return `${hex(x)}/${hex(x)}`;
    case 'xor': return `${hex(x)}/0x0`;
    case 'set': return `${hex(x)}/0xffffffff`;
    case 'and': return `0x0/${hex(~x)}`;
    default: return null;
  }
}

const NAT_FLAGS = new Set(['random', 'random-fully', 'persistent']);
const LOG_FLAGS: readonly [number, string][] = [
  [0x01, 'log-tcp-sequence'], [0x02, 'log-tcp-options'], [0x04, 'log-ip-options'], [0x08, 'log-uid'], [0x20, 'log-macdecode'],
];

/**
 * Reads target information starting at `words[k]` for target `target`. Returns null when the
 * word does not start anything this target prints (the caller then tries matches).
 */
export function readTargetInfo(line: string, words: Token[], k: number, target: string, span: (a: Token, b: Token) => SourceSpan): TargetInfo | null {
  const w = words[k];
  if (!w) return null;
  const opt = (name: string, args: string[], from: Token, to: Token): Option => ({ name, negate: false, args, span: span(from, to) });
  const isNat = target === 'DNAT' || target === 'SNAT' || target === 'MASQUERADE' || target === 'REDIRECT' || target === 'NETMAP';
  if (isNat && w.text.startsWith('to:')) {
    const name = target === 'DNAT' ? 'to-destination' : target === 'SNAT' ? 'to-source' : 'to';
    return { options: [opt(name, [w.text.slice(3)], w, w)], next: k + 1 };
  }
  if (isNat && NAT_FLAGS.has(w.text)) return { options: [opt(w.text, [], w, w)], next: k + 1 };
  const w1 = words[k + 1];
  const w2 = words[k + 2];
  if (target === 'MASQUERADE' && w.text === 'masq' && w1?.text === 'ports:' && w2) {
    return { options: [opt('to-ports', [w2.text], w, w2)], next: k + 3 };
  }
  if (target === 'REDIRECT' && w.text === 'redir' && w1?.text === 'ports' && w2) {
    return { options: [opt('to-ports', [w2.text], w, w2)], next: k + 3 };
  }
  if (target === 'REJECT' && w.text === 'reject-with' && w1) {
    return { options: [opt('reject-with', [w1.text], w, w1)], next: k + 2 };
  }
  if (w.text === 'MARK' && w1 && w2 && w1.text !== 'match') {
    const xmark = markToXmark(w1.text, w2.text);
    return xmark === null ? null : { options: [opt('set-xmark', [xmark], w, w2)], next: k + 3 };
  }
  if (target === 'LOG' && w.text === 'LOG') return readLog(line, words, k, opt);
  return null;
}

function readLog(line: string, words: Token[], k: number, opt: (n: string, a: string[], f: Token, t: Token) => Option): TargetInfo {
  const options: Option[] = [];
  let j = k + 1;
  for (;;) {
    const key = words[j];
    const value = words[j + 1];
    if (!key || !value) break;
    if (key.text === 'flags') {
      const flags = Number(value.text);
      for (const [bit, name] of LOG_FLAGS) if (flags & bit) options.push(opt(name, [], key, value));
      j += 2;
    } else if (key.text === 'level') {
      options.push(opt('log-level', [value.text], key, value));
      j += 2;
    } else if (key.text === 'prefix' && value.text.startsWith('"')) {
      // The prefix is printed in quotes and may contain spaces: read up to the closing quote.
      const open = value.column; // index just after the opening quote
      const close = line.indexOf('"', open);
      const end = close < 0 ? line.length : close;
      let last = j + 1;
      while (words[last + 1] && (words[last + 1] as Token).column - 1 <= end) last++;
      options.push(opt('log-prefix', [line.slice(open, end)], key, words[last] as Token));
      j = last + 1;
    } else break;
  }
  return { options, next: j };
}
