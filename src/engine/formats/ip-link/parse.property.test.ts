import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SourceSpan } from '../../diagnostics';
import { expectLinear } from '../../testing/linearity';
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
  // Long lines, escape and backslash floods; n is the number of repeats.
  const HOSTILE: [string, (n: number) => string, number][] = [
    ['letter flood', (n) => 'a'.repeat(n), 30_000],
    ['space flood', (n) => ' '.repeat(n), 50_000],
    ['escape sequences', (n) => '\x1b['.repeat(n), 20_000],
    ['escape flood', (n) => '\x1b'.repeat(n), 20_000],
    ['link indexes', (n) => '1: '.repeat(n), 5000],
    ['inet words', (n) => 'inet '.repeat(n), 5000],
    ['nexthop lines', (n) => 'nexthop\n'.repeat(n), 1000],
    ['backslashes', (n) => '\\ '.repeat(n), 6000],
    ['via chains', (n) => '10.0.0.0/8 via '.repeat(n), 2000],
  ];
  it.each(HOSTILE)('stays linear on pathological input: %s', (label, make, n) => {
    expectLinear(label, make, (t) => parseIpAddr(t, 'f'), { n });
  });
});
