import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hostileText, mutatedFixture, spansOutside } from '../ip-link/fuzz-text';
import { parseBridgeFdb } from './parse';

const dir = new URL('./fixtures/', import.meta.url);
const fixtures = readdirSync(dir).map((f) => readFileSync(new URL(f, dir), 'utf8'));

function check(text: string): void {
  const { value, diagnostics } = parseBridgeFdb(text, 'fuzz');
  expect(spansOutside(text, [...diagnostics, ...value.entries.map((e) => e.span)])).toEqual([]);
}

describe('parseBridgeFdb properties', () => {
  it('never throws and keeps spans inside the text, on arbitrary strings', () => {
    fc.assert(fc.property(hostileText, check), { numRuns: 300 });
  });

  it('never throws and keeps spans inside the text, on mutated fixtures', () => {
    fc.assert(fc.property(mutatedFixture(fixtures), check), { numRuns: 300 });
  });

  it('reads CRLF copies of the fixtures exactly like the originals', () => {
    const entries = (t: string) => parseBridgeFdb(t, 'f').value.entries.map((e) => ({ ...e, span: undefined }));
    for (const text of fixtures) expect(entries(text.split('\n').join('\r\n'))).toEqual(entries(text));
  });

  it('is linear: 100k entries and hostile floods parse quickly', () => {
    const big = Array.from({ length: 100_000 }, (_, i) => `52:54:00:${((i >> 16) & 255).toString(16)}:${((i >> 8) & 255).toString(16)}:${(i & 255).toString(16)} dev veth${i} master cni0 `).join('\n');
    const start = performance.now();
    expect(parseBridgeFdb(big, 'big').value.entries).toHaveLength(100_000);
    for (const text of ['a'.repeat(1_000_000), 'master '.repeat(200_000), '00:00:00:00:00:00 dst '.repeat(100_000), ':'.repeat(1_000_000)]) {
      expect(() => parseBridgeFdb(text, 'f')).not.toThrow();
    }
    expect(performance.now() - start).toBeLessThan(5000);
  });
});
