import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { expectLinear } from '../../testing/linearity';
import { compactJson } from './json-text';

const dir = new URL('./fixtures/', import.meta.url);
const jsons = readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => JSON.parse(readFileSync(new URL(f, dir), 'utf8')) as unknown);

describe('compactJson', () => {
  it('prints what JSON.stringify prints, for every JSON fixture and its parts', () => {
    for (const doc of jsons) {
      for (const el of (doc as { nftables: unknown[] }).nftables) expect(compactJson(el, 1e9)).toBe(JSON.stringify(el));
    }
  });

  it('prints scalars, empty containers, escapes and non-finite numbers as JSON does', () => {
    for (const v of [null, true, 0, -1.5, 'a"b\\c\n', [], {}, [[]], { 'k"': [null, { x: 'é' }] }]) expect(compactJson(v)).toBe(JSON.stringify(v));
    expect(compactJson([Infinity, NaN])).toBe('[null,null]');
  });

  it('cuts at the limit with "..."', () => {
    const s = compactJson({ a: 'y'.repeat(50) }, 10);
    expect(s).toBe('{"a":"y...');
    expect(s).toHaveLength(10);
  });

  it('stays linear in the nesting depth (JSON.stringify is quadratic in it)', () => {
    const deep = (n: number) => `${'{"&": ['.repeat(n)}1${', 2]}'.repeat(n)}`;
    expectLinear('compactJson of an n-deep value', deep, (t) => compactJson(JSON.parse(t)), { n: 2000, check: (s) => expect(s.length).toBeLessThanOrEqual(2000) });
  });
});
