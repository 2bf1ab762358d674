/**
 * Test-only helpers for the parsers' property tests: mutations of real fixtures (truncation,
 * shuffled lines, random tokens, CRLF, ANSI colours) and a check that every reported span
 * lies inside the text. Imported by `*.test.ts` files only.
 */
import fc from 'fast-check';
import type { SourceSpan } from '../../diagnostics';

// Words that steer the parsers into their less common branches.
const TOKENS = [
  'inet', 'inet6', 'link/ether', 'link/none', 'link-netnsid', 'link-netns', 'mtu', 'master', 'state', '2:',
  'eth0@if7:', 'tunl0@NONE:', '<UP,LOWER_UP>', '<', 'vxlan', 'id', 'dstport', 'veth', 'bridge_slave',
  'flags=4163<UP>', 'Link', 'encap:Ethernet', 'addr:', 'Mask:', 'MTU:', 'netmask', 'UP', 'DOWN', 'peer', 'brd',
  'default', 'via', 'inet6', 'dev', 'table', 'local', 'nexthop', 'weight', 'mtu', 'lock', 'encap', 'blackhole',
  'Kernel', 'IP', 'routing', 'Destination', 'Gateway', 'Genmask', 'UG', '!', '*', '-', 'from', 'all', 'lookup',
  'fwmark', '0x200/0xf00', 'goto', 'not', '0:', '10.0.0.1', '10.0.0.0/33', '999.1.1.1', 'fe80::1/64', ':',
  '\\', '$', '#', '```', '\x1b[31m', '\x1b[0m', '\x1b', '\uFEFF', '\u00a0', '',
];

type Mutation =
  | { kind: 'truncate'; at: number }
  | { kind: 'shuffle'; seed: number[] }
  | { kind: 'token'; line: number; column: number; token: string }
  | { kind: 'crlf' }
  | { kind: 'ansi'; at: number; code: number }
  | { kind: 'dropLine'; line: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('shuffle' as const), seed: fc.array(fc.nat(), { maxLength: 40 }) }),
  fc.record({
    kind: fc.constant('token' as const), line: fc.nat(), column: fc.nat(),
    token: fc.oneof(fc.constantFrom(...TOKENS), fc.string({ maxLength: 8, unit: 'binary' })),
  }),
  fc.record({ kind: fc.constant('crlf' as const) }),
  fc.record({ kind: fc.constant('ansi' as const), at: fc.nat(), code: fc.integer({ min: 0, max: 107 }) }),
  fc.record({ kind: fc.constant('dropLine' as const), line: fc.nat() }),
);

function apply(text: string, m: Mutation): string {
  const lines = text.split('\n');
  switch (m.kind) {
    case 'truncate':
      return text.slice(0, m.at % (text.length + 1));
    case 'shuffle': {
      for (let i = 0; i < m.seed.length && lines.length > 1; i++) {
        const a = i % lines.length;
        const b = m.seed[i]! % lines.length;
        [lines[a], lines[b]] = [lines[b]!, lines[a]!];
      }
      return lines.join('\n');
    }
    case 'token': {
      const i = m.line % lines.length;
      const line = lines[i]!;
      const at = m.column % (line.length + 1);
      lines[i] = `${line.slice(0, at)} ${m.token} ${line.slice(at)}`;
      return lines.join('\n');
    }
    case 'crlf':
      return text.split('\n').join('\r\n');
    case 'ansi': {
      const at = m.at % (text.length + 1);
      return `${text.slice(0, at)}\x1b[${m.code}m${text.slice(at)}`;
    }
    case 'dropLine':
      lines.splice(m.line % lines.length, 1);
      return lines.join('\n');
  }
}

/** One of `fixtures`, put through up to five random mutations. */
export function mutatedFixture(fixtures: string[]): fc.Arbitrary<string> {
  return fc
    .tuple(fc.constantFrom(...fixtures), fc.array(mutation, { maxLength: 5 }))
    .map(([text, ms]) => ms.reduce(apply, text));
}

/** Arbitrary text: printable, binary, or lines made of the parsers' own words. */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ maxLength: 200, unit: 'binary' }),
  fc.array(fc.array(fc.constantFrom(...TOKENS), { maxLength: 12 }).map((ws) => ws.join(' ')), { maxLength: 20 })
    .map((ls) => ls.join('\n')),
);

/** Describes every span that does not lie inside `text` (1-based lines; columns up to length + 1). */
export function spansOutside(text: string, spans: SourceSpan[]): string[] {
  const lines = text.split('\n');
  const bad: string[] = [];
  for (const s of spans) {
    const line = lines[s.line - 1];
    const max = (line?.length ?? -1) + 1;
    const end = s.endColumn ?? s.column;
    if (line === undefined || s.column < 1 || s.column > max || end < s.column || end > max) {
      bad.push(`${s.line}:${s.column}-${String(s.endColumn)} (line has ${line?.length ?? 'no'} chars)`);
    }
  }
  return bad;
}
