import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
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

  it('is linear: 100k neighbours and hostile floods parse quickly', () => {
    const big = Array.from({ length: 100_000 }, (_, i) => `10.${(i >> 8) & 255}.${i & 255}.1 dev eth0 lladdr 52:54:00:12:35:02 REACHABLE`).join('\n');
    const start = performance.now();
    expect(parseIpNeigh(big, 'big').value.entries).toHaveLength(100_000);
    for (const text of ['a'.repeat(1_000_000), 'lladdr '.repeat(200_000), '10.0.0.1 '.repeat(200_000), ':'.repeat(1_000_000)]) {
      expect(() => parseIpNeigh(text, 'f')).not.toThrow();
    }
    expect(performance.now() - start).toBeLessThan(5000);
  });
});
