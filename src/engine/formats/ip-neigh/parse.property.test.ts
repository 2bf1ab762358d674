import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectLinear } from '../../testing/linearity';
import { hostileText, mutatedFixture, spansOutside } from '../ip-link/fuzz-text';
import { parseIpNeigh } from './parse';

const dir = new URL('./fixtures/', import.meta.url);
const fixtures = readdirSync(dir).map((f) => readFileSync(new URL(f, dir), 'utf8'));

function check(text: string): void {
  const { value, diagnostics } = parseIpNeigh(text, 'fuzz');
  expect(spansOutside(text, [...diagnostics, ...value.entries.map((e) => e.span)])).toEqual([]);
}

describe('parseIpNeigh properties', () => {
  it('never throws and keeps spans inside the text, on arbitrary strings', () => {
    fc.assert(fc.property(hostileText, check), { numRuns: 300 });
  });

  it('never throws and keeps spans inside the text, on mutated fixtures', () => {
    fc.assert(fc.property(mutatedFixture(fixtures), check), { numRuns: 300 });
  });

  it('reads CRLF copies of the fixtures exactly like the originals', () => {
    const entries = (t: string) => parseIpNeigh(t, 'f').value.entries.map((e) => ({ ...e, span: undefined }));
    for (const text of fixtures) expect(entries(text.split('\n').join('\r\n'))).toEqual(entries(text));
  });

  it('is linear: n neighbours parse in time proportional to n', () => {
    const table = (n: number) => Array.from({ length: n }, (_, i) => `10.${(i >> 8) & 255}.${i & 255}.1 dev eth0 lladdr 52:54:00:12:35:02 REACHABLE`).join('\n');
    expectLinear('ip neigh', table, (t) => parseIpNeigh(t, 'big'), { n: 300, check: (r, n) => expect(r.value.entries).toHaveLength(n) });
  });

  const HOSTILE: [string, (n: number) => string, number][] = [
    ['letter flood', (n) => 'a'.repeat(n), 50_000],
    ['lladdr words', (n) => 'lladdr '.repeat(n), 5000],
    ['addresses', (n) => '10.0.0.1 '.repeat(n), 4000],
    ['colon flood', (n) => ':'.repeat(n), 50_000],
  ];
  it.each(HOSTILE)('stays linear on hostile floods: %s', (label, make, n) => {
    expectLinear(label, make, (t) => parseIpNeigh(t, 'f'), { n });
  });
});
