import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SourceSpan } from '../../diagnostics';
import { hostileText, mutatedFixture, spansOutside } from './fuzz-text';
import { parseIpAddr } from './parse';

const dir = new URL('./fixtures/', import.meta.url);
const fixtures = readdirSync(dir).map((f) => readFileSync(new URL(f, dir), 'utf8'));

function check(text: string): void {
  const { value, diagnostics } = parseIpAddr(text, 'fuzz');
  const spans: SourceSpan[] = [...diagnostics];
  for (const link of value.links) spans.push(link.span, ...link.addresses.map((a) => a.span));
  expect(spansOutside(text, spans)).toEqual([]);
  for (const d of diagnostics) expect(d.file).toBe('fuzz');
}

describe('parseIpAddr properties', () => {
  it('never throws and keeps spans inside the text, on arbitrary strings', () => {
    fc.assert(fc.property(hostileText, check), { numRuns: 250 });
  });

  it('never throws and keeps spans inside the text, on mutated fixtures', () => {
    fc.assert(fc.property(mutatedFixture(fixtures), check), { numRuns: 250 });
  });

  it('reads CRLF and ANSI-coloured copies of the fixtures exactly like the originals', () => {
    const strip = (text: string) => parseIpAddr(text, 'f').value.links
      .map((l) => ({ ...l, span: undefined, addresses: l.addresses.map((a) => ({ ...a, span: undefined })) }));
    // `ip -c` colours names and addresses: a colour code inside a word must not split it.
    const colour = (text: string) => text.replace(/([a-z0-9])([:./])/g, '$1\x1b[36m$2').replace(/ /g, '\x1b[0m ');
    for (const text of fixtures) {
      const plain = strip(text);
      expect(strip(text.split('\n').join('\r\n'))).toEqual(plain);
      expect(strip(colour(text))).toEqual(plain);
    }
  });
  it('stays fast on pathological input (long lines, escape and backslash floods)', () => {
    const hostile = [
      'a'.repeat(1_000_000), ' '.repeat(1_000_000), '\x1b['.repeat(300_000), '\x1b'.repeat(500_000), '1: '.repeat(300_000),
      'inet '.repeat(200_000), 'nexthop\n'.repeat(100_000), '\\ '.repeat(300_000), '10.0.0.0/8 via '.repeat(100_000),
    ];
    const start = performance.now();
    for (const text of hostile) {
      expect(() => {
        parseIpAddr(text, 'f');
      }).not.toThrow();
    }
    expect(performance.now() - start).toBeLessThan(5000);
  });
});
