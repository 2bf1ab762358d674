import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectLinear } from '../../testing/linearity';
import { hostileText, mutatedFixture, spansOutside } from '../ip-link/fuzz-text';
import { conntrackNat } from './nat';
import { parseConntrack } from './parse';

const dir = new URL('./fixtures/', import.meta.url);
const fixtures = readdirSync(dir).map((f) => readFileSync(new URL(f, dir), 'utf8'));
const CT_WORDS = ['src=10.0.0.1', 'dst=10.0.0.2', 'sport=1', 'dport=', 'type=8', 'code=0', 'id=7', '[UNREPLIED]', '[ASSURED]',
  'tcp', '6', 'udp', '17', 'icmp', '1', 'ipv4', '2', 'ipv6', '10', 'ESTABLISHED', '[NEW]', '[DESTROY]', 'mark=1', 'zone=', 'use=1', '=', '[', ']'];
const ctLines = fc.array(fc.array(fc.constantFrom(...CT_WORDS), { maxLength: 20 }).map((w) => w.join(' ')), { maxLength: 10 }).map((l) => l.join('\n'));

function check(text: string): void {
  const { value, diagnostics } = parseConntrack(text, 'fuzz');
  expect(spansOutside(text, [...diagnostics, ...value.entries.map((e) => e.span)])).toEqual([]);
  for (const e of value.entries) expect(() => conntrackNat(e)).not.toThrow();
}

describe('parseConntrack properties', () => {
  it('never throws and keeps spans inside the text, on arbitrary strings and conntrack words', () => {
    fc.assert(fc.property(fc.oneof(hostileText, ctLines), check), { numRuns: 300 });
  });

  it('never throws and keeps spans inside the text, on mutated fixtures', () => {
    fc.assert(fc.property(mutatedFixture(fixtures), check), { numRuns: 300 });
  });

  it('reads CRLF copies of the fixtures exactly like the originals', () => {
    const entries = (t: string) => parseConntrack(t, 'f').value.entries.map((e) => ({ ...e, span: undefined }));
    for (const text of fixtures) expect(entries(text.split('\n').join('\r\n'))).toEqual(entries(text));
  });

  it('is linear: n entries parse in time proportional to n', () => {
    const table = (n: number) => Array.from({ length: n }, (_, i) => `tcp      6 86399 ESTABLISHED src=10.244.${(i >> 8) & 255}.${i & 255} dst=10.96.0.1 sport=${i % 60000 + 1024} dport=443 src=172.18.0.2 dst=10.244.${(i >> 8) & 255}.${i & 255} sport=6443 dport=${i % 60000 + 1024} [ASSURED] mark=0 use=1`).join('\n');
    expectLinear('conntrack -L', table, (t) => parseConntrack(t, 'big'), { n: 120, check: (r, n) => expect(r.value.entries).toHaveLength(n) });
  });

  const HOSTILE: [string, (n: number) => string, number][] = [
    ['letter flood', (n) => 'a'.repeat(n), 50_000],
    ['src= words', (n) => 'src='.repeat(n), 10_000],
    ['bracket flood', (n) => '['.repeat(n), 50_000],
    ['protocol words', (n) => 'tcp 6 '.repeat(n), 2000],
    ['unclosed flag', (n) => `[${'1'.repeat(n)}`, 50_000],
  ];
  it.each(HOSTILE)('stays linear on hostile floods: %s', (label, make, n) => {
    expectLinear(label, make, (t) => parseConntrack(t, 'f'), { n });
  });
});
