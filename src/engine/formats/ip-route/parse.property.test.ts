import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SourceSpan } from '../../diagnostics';
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

  it('is linear: 50k routes parse quickly', () => {
    const text = Array.from({ length: 50000 }, (_, i) => `10.${(i >> 8) & 255}.${i & 255}.0/24 via 172.16.0.1 dev eth0 proto bird onlink `).join('\n');
    const start = performance.now();
    expect(parseIpRoute(text, 'big').value.routes).toHaveLength(50000);
    expect(performance.now() - start).toBeLessThan(3000);
  });
  it('stays fast on pathological input (long lines, escape and backslash floods)', () => {
    const hostile = [
      'a'.repeat(1_000_000), ' '.repeat(1_000_000), '\x1b['.repeat(300_000), '\x1b'.repeat(500_000), '1: '.repeat(300_000),
      'inet '.repeat(200_000), 'nexthop\n'.repeat(100_000), '\\ '.repeat(300_000), '10.0.0.0/8 via '.repeat(100_000),
    ];
    const start = performance.now();
    for (const text of hostile) {
      expect(() => {
        parseIpRoute(text, 'f');
        parseIpRule(text, 'f');
      }).not.toThrow();
    }
    expect(performance.now() - start).toBeLessThan(5000);
  });
});
