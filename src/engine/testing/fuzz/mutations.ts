/**
 * Mutations of real dumps for fuzzing: what a terminal, an editor or an attacker does to a paste.
 * Truncations, shuffled/dropped/duplicated lines, swapped or foreign tokens, CRLF, ANSI colours,
 * a BOM, NUL bytes, non-UTF-8 bytes (as a browser or Node decodes them), very long lines and deep
 * nesting. Each mutation is plain data, so fast-check can print and replay a failing case.
 *
 * Test-only (fast-check); used by `fuzz.test.ts` and `scripts/fuzz.ts`.
 */
import fc from 'fast-check';

export type Mutation =
  | { kind: 'truncate'; at: number }
  | { kind: 'shuffle'; swaps: number[] }
  | { kind: 'insertToken'; line: number; column: number; token: string }
  | { kind: 'swapTokens'; line: number; a: number; b: number }
  | { kind: 'replaceToken'; line: number; index: number; token: string }
  | { kind: 'dropLine'; line: number }
  | { kind: 'duplicateLine'; line: number; times: number }
  | { kind: 'crlf' }
  | { kind: 'ansi'; at: number; code: number }
  | { kind: 'bom' }
  | { kind: 'nul'; at: number; count: number }
  | { kind: 'bytes'; at: number; bytes: number[]; decode: 'utf-8' | 'latin1' }
  | { kind: 'surrogate'; at: number; unit: number }
  | { kind: 'longLine'; line: number; repeat: number }
  | { kind: 'nest'; at: number; open: string; depth: number };

/** Words that steer parsers into their less common branches, across every format. */
export const COMMON_TOKENS = [
  '', ' ', '\t', '#', '$', '\\', '"', "'", '`', '{', '}', '[', ']', '(', ')', '<', '>', ',', ';', ':', '=', '/', '-', '--', '!', '*',
  '@', '.', '..', '0', '-1', '4294967296', '99999999999999999999', 'NaN', '0x', '0xffffffff', '1e400', '10.0.0.1', '10.0.0.0/33',
  '999.1.1.1', '0.0.0.0/0', '::', 'fe80::1%eth0', 'fe80::1/129', '52:54:00:12:34:56', 'zz:zz', 'default', 'dev', 'via', 'src', 'dst',
  'src=', 'dst=', 'sport=', 'dport=', 'table', 'chain', 'jump', 'goto', 'return', '-A', '-j', '-m', '-N', '-P', '*nat', '*filter', 'COMMIT',
  ':KUBE-SERVICES', 'KUBE-SVC-X', 'Chain', 'target', 'prot', 'opt', 'source', 'destination', 'inet', 'link/ether', 'mtu', 'master',
  'NAME', 'READY', 'STATUS', 'IP', 'NODE', 'CLUSTER-IP', 'PORT(S)', '<none>', '<pending>', '80/TCP', 'TCP', 'UDP', '->', 'Masq',
  'Route', 'rr', 'Bridge', 'Port', 'Interface', 'actions=', 'priority=', 'ct(', 'Name:', 'Members:', 'add', 'create', 'hash:ip',
  '### hopscope-section: ip addr', '### hopscope-node: n', 'root@node:~#', '\u00a0', '\u200b', '\u2028', '\uFEFF', '\x1b[31m', '\x1b[0m',
  '\x00', '\uFFFD', '<script>alert(1)</script>', '__proto__', 'constructor', 'prototype', '%s%n', '${x}',
];

const OPENERS = ['{', '[', '(', '{"&": [', 'ct(', '{ ', 'jump c\n', '"', '\\'];

/** One mutation, with its random choices; `tokens` adds a format's own words to the common ones. */
export function mutationArb(tokens: readonly string[] = []): fc.Arbitrary<Mutation> {
  const words = [...COMMON_TOKENS, ...tokens];
  const token = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...words) },
    { weight: 1, arbitrary: fc.string({ maxLength: 12, unit: 'binary' }) },
  );
  return fc.oneof(
    fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
    fc.record({ kind: fc.constant('shuffle' as const), swaps: fc.array(fc.nat(), { maxLength: 30 }) }),
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('insertToken' as const), line: fc.nat(), column: fc.nat(), token }) },
    fc.record({ kind: fc.constant('swapTokens' as const), line: fc.nat(), a: fc.nat(), b: fc.nat() }),
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('replaceToken' as const), line: fc.nat(), index: fc.nat(), token }) },
    fc.record({ kind: fc.constant('dropLine' as const), line: fc.nat() }),
    fc.record({ kind: fc.constant('duplicateLine' as const), line: fc.nat(), times: fc.integer({ min: 1, max: 50 }) }),
    fc.record({ kind: fc.constant('crlf' as const) }),
    fc.record({ kind: fc.constant('ansi' as const), at: fc.nat(), code: fc.integer({ min: 0, max: 107 }) }),
    fc.record({ kind: fc.constant('bom' as const) }),
    fc.record({ kind: fc.constant('nul' as const), at: fc.nat(), count: fc.integer({ min: 1, max: 8 }) }),
    fc.record({
      kind: fc.constant('bytes' as const), at: fc.nat(), bytes: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 16 }),
      decode: fc.constantFrom('utf-8' as const, 'latin1' as const),
    }),
    fc.record({ kind: fc.constant('surrogate' as const), at: fc.nat(), unit: fc.integer({ min: 0xd800, max: 0xdfff }) }),
    fc.record({ kind: fc.constant('longLine' as const), line: fc.nat(), repeat: fc.integer({ min: 2, max: 400 }) }),
    fc.record({ kind: fc.constant('nest' as const), at: fc.nat(), open: fc.constantFrom(...OPENERS), depth: fc.integer({ min: 1, max: 2000 }) }),
  );
}

const UTF8 = new TextDecoder('utf-8');
const LATIN1 = new TextDecoder('latin1');
/** Longest a mutated text may grow, so a chain of long-line mutations stays a fast case. */
const MAX_LENGTH = 100_000;

const at = (text: string, n: number) => n % (text.length + 1);
const insert = (text: string, i: number, s: string) => `${text.slice(0, i)}${s}${text.slice(i)}`;

/** Applies one mutation; indexes wrap around, so every mutation applies to every text. */
export function applyMutation(text: string, m: Mutation): string {
  const lines = text.split('\n');
  const li = (n: number) => n % lines.length;
  const words = (n: number) => lines[li(n)]!.split(' ');
  switch (m.kind) {
    case 'truncate':
      return text.slice(0, at(text, m.at));
    case 'shuffle':
      for (let i = 0; i < m.swaps.length && lines.length > 1; i++) {
        const a = i % lines.length;
        const b = li(m.swaps[i]!);
        [lines[a], lines[b]] = [lines[b]!, lines[a]!];
      }
      return lines.join('\n');
    case 'insertToken': {
      const line = lines[li(m.line)]!;
      lines[li(m.line)] = insert(line, m.column % (line.length + 1), ` ${m.token} `);
      return lines.join('\n');
    }
    case 'swapTokens': {
      const ws = words(m.line);
      const a = m.a % ws.length;
      const b = m.b % ws.length;
      [ws[a], ws[b]] = [ws[b]!, ws[a]!];
      lines[li(m.line)] = ws.join(' ');
      return lines.join('\n');
    }
    case 'replaceToken': {
      const ws = words(m.line);
      ws[m.index % ws.length] = m.token;
      lines[li(m.line)] = ws.join(' ');
      return lines.join('\n');
    }
    case 'dropLine':
      lines.splice(li(m.line), 1);
      return lines.join('\n');
    case 'duplicateLine':
      lines.splice(li(m.line), 0, ...Array<string>(m.times).fill(lines[li(m.line)]!));
      return lines.join('\n');
    case 'crlf':
      return lines.join('\r\n');
    case 'ansi':
      return insert(text, at(text, m.at), `\x1b[${m.code}m`);
    case 'bom':
      return `\uFEFF${text}`;
    case 'nul':
      return insert(text, at(text, m.at), '\0'.repeat(m.count));
    case 'bytes':
      return insert(text, at(text, m.at), (m.decode === 'utf-8' ? UTF8 : LATIN1).decode(new Uint8Array(m.bytes)));
    case 'surrogate':
      return insert(text, at(text, m.at), String.fromCharCode(m.unit));
    case 'longLine': {
      const line = lines[li(m.line)]!;
      const repeat = Math.max(1, Math.min(m.repeat, Math.floor(MAX_LENGTH / Math.max(1, line.length))));
      lines[li(m.line)] = Array<string>(repeat).fill(line).join(' ');
      return lines.join('\n');
    }
    case 'nest':
      return insert(text, at(text, m.at), m.open.repeat(Math.min(m.depth, Math.floor(MAX_LENGTH / m.open.length))));
  }
}

/** Applies mutations in order, keeping the text under the size cap. */
export function mutate(text: string, ms: readonly Mutation[]): string {
  let out = text;
  for (const m of ms) {
    const next = applyMutation(out, m);
    if (next.length <= MAX_LENGTH) out = next;
  }
  return out;
}

/** Lines `start` to `start + count` of `text` (wrapping), or the whole text when `count` is 0. */
function window(text: string, start: number, count: number): string {
  if (count === 0) return text;
  const lines = text.split('\n');
  const from = start % lines.length;
  return lines.slice(from, from + count).join('\n');
}

/**
 * A seed from `seeds` (whole, its start, or a window of its lines, so big dumps stay quick cases
 * and every part of them is reached), put through one to `max` mutations.
 */
export function mutatedSeed(seeds: readonly string[], tokens: readonly string[] = [], max = 4): fc.Arbitrary<string> {
  const part = fc.oneof(
    fc.constant({ start: 0, count: 0 }),
    fc.record({ start: fc.constant(0), count: fc.integer({ min: 1, max: 120 }) }),
    { weight: 2, arbitrary: fc.record({ start: fc.nat(), count: fc.integer({ min: 1, max: 120 }) }) },
  );
  return fc.tuple(fc.constantFrom(...seeds), part, fc.array(mutationArb(tokens), { minLength: 1, maxLength: max }))
    .map(([seed, { start, count }, ms]) => mutate(window(seed, start, count), ms));
}

/** Text built from scratch: printable, binary, or lines of the format's own words. */
export function hostileArb(tokens: readonly string[] = []): fc.Arbitrary<string> {
  const words = [...COMMON_TOKENS, ...tokens];
  return fc.oneof(
    fc.string({ maxLength: 300 }),
    fc.string({ maxLength: 300, unit: 'binary' }),
    fc.string({ maxLength: 300, unit: 'grapheme' }),
    fc.array(fc.array(fc.constantFrom(...words), { maxLength: 16 }).map((ws) => ws.join(' ')), { maxLength: 30 }).map((ls) => ls.join('\n')),
  );
}

/** Mostly mutated real dumps, some text from scratch. */
export function fuzzInput(seeds: readonly string[], tokens: readonly string[] = []): fc.Arbitrary<string> {
  return fc.oneof({ weight: 4, arbitrary: mutatedSeed(seeds, tokens) }, { weight: 1, arbitrary: hostileArb(tokens) });
}
