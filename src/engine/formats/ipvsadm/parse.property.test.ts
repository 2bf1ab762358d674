import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SourceSpan } from '../../diagnostics';
import { expectLinear } from '../../testing/linearity';
import { hostileText, mutatedFixture, spansOutside } from '../ip-link/fuzz-text';
import { parseIpvsadm } from './parse';

const dir = new URL('./fixtures/', import.meta.url);
const fixtures = readdirSync(dir).map((f) => readFileSync(new URL(f, dir), 'utf8'));

// Lines made of ipvsadm's own words, so the parser's less common branches get exercised.
const WORDS = [
  'TCP', 'UDP', 'SCTP', 'FWM', 'IPv6', '->', '-A', '-a', '-t', '-u', '-f', '-r', '-s', '-p', '-M', '-m', '-g', '-i', '-w', '-6',
  '--sctp-service', 'rr', 'wlc', 'persistent', 'mask', 'pe', 'ops', '(sh-port)', 'Masq', 'Route', 'Tunnel', 'Local', '(null)',
  '10.96.0.1:443', '[fd00::a]:53', '[fd00::a', '10.0.0.1', '1', '0', '123K', '99G', 'Prot', 'LocalAddress:Port', 'Conns', 'CPS',
  'Uthreshold', 'PersistConn', 'RemoteAddress:Port', 'IP', 'Virtual', 'Server', '(size=4096)', '14:59', 'Timeout', '(tcp', '...',
];
const ipvsLines = fc.array(fc.array(fc.constantFrom(...WORDS), { maxLength: 10 }).map((ws) => ws.join(' ')), { maxLength: 25 })
  .map((ls) => ls.join('\n'));

function check(text: string): void {
  const { value, diagnostics } = parseIpvsadm(text, 'fuzz');
  const spans: SourceSpan[] = [...diagnostics];
  for (const s of value.services) spans.push(s.span, ...s.realServers.map((r) => r.span));
  expect(spansOutside(text, spans)).toEqual([]);
  for (const s of value.services) {
    expect(s.port === null || (s.port >= 0 && s.port <= 65535)).toBe(true);
    for (const r of s.realServers) expect(r.port >= 0 && r.port <= 65535).toBe(true);
  }
}

describe('parseIpvsadm properties', () => {
  it('never throws and keeps spans inside the text, on arbitrary strings and ipvsadm words', () => {
    fc.assert(fc.property(fc.oneof(hostileText, ipvsLines), check), { numRuns: 300 });
  });

  it('never throws and keeps spans inside the text, on mutated fixtures', () => {
    fc.assert(fc.property(mutatedFixture(fixtures), check), { numRuns: 300 });
  });

  it('reads CRLF copies of the fixtures exactly like the originals', () => {
    const strip = (t: string) => JSON.stringify(parseIpvsadm(t, 'f').value, (k, v) => (k === 'span' ? undefined : v));
    for (const text of fixtures) expect(strip(text.split('\n').join('\r\n'))).toEqual(strip(text));
  });

  it('is linear: n services with 3 real servers each parse in time proportional to n', () => {
    const table = (n: number) => {
      const lines: string[] = ['IP Virtual Server version 1.2.1 (size=4096)', 'Prot LocalAddress:Port Scheduler Flags'];
      for (let i = 0; i < n; i++) {
        lines.push(`TCP  10.${(i >> 8) & 255}.${i & 255}.1:${1 + (i % 60000)} rr`);
        for (let j = 0; j < 3; j++) lines.push(`  -> 10.244.${j}.${i & 255}:8080              Masq    1      0          0`);
      }
      return lines.join('\n');
    };
    expectLinear('ipvsadm -Ln', table, (t) => parseIpvsadm(t, 'big'), { n: 25, check: (r, n) => expect(r.value.services.length).toBeGreaterThan(n * 0.95) });
  });

  const HOSTILE: [string, (n: number) => string, number][] = [
    ['protocol words', (n) => 'TCP  '.repeat(n), 5000],
    ['arrows', (n) => '-> '.repeat(n), 3000],
    ['option words', (n) => '-A -t '.repeat(n), 3000],
    ['colons in brackets', (n) => `[${':'.repeat(n)}`, 50_000],
    ['dot flood', (n) => '.'.repeat(n), 50_000],
  ];
  it.each(HOSTILE)('stays linear on pathological input: %s', (label, make, n) => {
    expectLinear(label, make, (t) => parseIpvsadm(t, 'f'), { n });
  });
});
