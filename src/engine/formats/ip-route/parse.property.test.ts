import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SourceSpan } from '../../diagnostics';
import { expectLinear } from '../../testing/linearity';
import { hostileText, mutatedFixture, spansOutside } from '../ip-link/fuzz-text';
import { parseIpRoute } from './parse';
import { parseIpRule } from './parse-rule';

const dir = new URL('./fixtures/', import.meta.url);
const fixtures = readdirSync(dir).map((f) => readFileSync(new URL(f, dir), 'utf8'));

function checkRoutes(text: string): void {
  const { value, diagnostics } = parseIpRoute(text, 'fuzz');
  const spans: SourceSpan[] = [...diagnostics, ...value.routes.map((r) => r.span)];
  expect(spansOutside(text, spans)).toEqual([]);
  for (const r of value.routes) expect(r.dst.prefix === null || (r.dst.prefix >= 0 && r.dst.prefix <= 32)).toBe(true);
}

function checkRules(text: string): void {
  const { value, diagnostics } = parseIpRule(text, 'fuzz');
  expect(spansOutside(text, [...diagnostics, ...value.map((r) => r.span)])).toEqual([]);
}

describe('parseIpRoute / parseIpRule properties', () => {
  it('never throw and keep spans inside the text, on arbitrary strings', () => {
    fc.assert(fc.property(hostileText, (text) => { checkRoutes(text); checkRules(text); }), { numRuns: 250 });
  });

  it('never throw and keep spans inside the text, on mutated fixtures', () => {
    fc.assert(fc.property(mutatedFixture(fixtures), (text) => { checkRoutes(text); checkRules(text); }), { numRuns: 250 });
  });

  it('read CRLF copies of the fixtures exactly like the originals', () => {
    const routes = (t: string) => parseIpRoute(t, 'f').value.routes.map((r) => ({ ...r, span: undefined }));
    const rules = (t: string) => parseIpRule(t, 'f').value.map((r) => ({ ...r, span: undefined }));
    for (const text of fixtures) {
      const crlf = text.split('\n').join('\r\n');
      expect(routes(crlf)).toEqual(routes(text));
      expect(rules(crlf)).toEqual(rules(text));
    }
  });

  it('is linear: n routes parse in time proportional to n', () => {
    const table = (n: number) => Array.from({ length: n }, (_, i) => `10.${(i >> 8) & 255}.${i & 255}.0/24 via 172.16.0.1 dev eth0 proto bird onlink `).join('\n');
    expectLinear('ip route', table, (t) => parseIpRoute(t, 'big'), { n: 200, check: (r, n) => expect(r.value.routes).toHaveLength(n) });
  });

  // Long lines, escape and backslash floods; n is the number of repeats.
  const HOSTILE: [string, (n: number) => string, number][] = [
    ['letter flood', (n) => 'a'.repeat(n), 15_000],
    ['space flood', (n) => ' '.repeat(n), 15_000],
    ['escape sequences', (n) => '\x1b['.repeat(n), 15_000],
    ['escape flood', (n) => '\x1b'.repeat(n), 20_000],
    ['link indexes', (n) => '1: '.repeat(n), 1000],
    ['inet words', (n) => 'inet '.repeat(n), 1000],
    ['nexthop lines', (n) => 'nexthop\n'.repeat(n), 1000],
    ['backslashes', (n) => '\\ '.repeat(n), 4000],
    ['via chains', (n) => '10.0.0.0/8 via '.repeat(n), 1000],
  ];
  it.each(HOSTILE)('stays linear on pathological input: %s', (label, make, n) => {
    expectLinear(label, make, (text) => [parseIpRoute(text, 'f'), parseIpRule(text, 'f')], { n });
  });
});
