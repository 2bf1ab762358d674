import { describe, expect, it } from 'vitest';
import { expectLinear } from './linearity';

const lines = (n: number) => Array.from({ length: n }, (_, i) => `10.0.${(i >> 8) & 255}.${i & 255} dev eth${i} lladdr 52:54:00:12:35:02`).join('\n');

/** Linear: one pass over the lines. */
function lineLengths(text: string): number {
  let sum = 0;
  for (const line of text.split('\n')) sum += line.length;
  return sum;
}

/** Quadratic: compares every pair of lines, as a duplicate check written naively would. */
function duplicatePairs(text: string): number {
  const ls = text.split('\n');
  let dup = 0;
  for (let i = 0; i < ls.length; i++) for (let j = 0; j < i; j++) if (ls[i] === ls[j]) dup++;
  return dup;
}

describe('expectLinear', () => {
  it('passes for a linear function and reports both sizes', () => {
    const r = expectLinear('line lengths', lines, lineLengths, { n: 2000, check: (v, n) => expect(v).toBeGreaterThan(n * 30) });
    expect(r.sizes).toEqual([2000, 16000]);
    expect(r.chars[1] / r.chars[0]).toBeCloseTo(8, 0);
    expect(r.ms[0]).toBeGreaterThan(0);
  });

  it('fails for a quadratic function', () => {
    let message = '';
    try {
      expectLinear('duplicate pairs', lines, duplicatePairs, { n: 150 });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/duplicate pairs: 8× the input took .*× the time/);
    // Not a near miss, even in the best of the three attempts: the quadratic ratio (~64) is far above the bound (24).
    expect(Number(/took ([\d.]+)×/.exec(message)?.[1])).toBeGreaterThan(32);
  });

  it('fails when the large input is not about 8× as large, so it cannot pass vacuously', () => {
    expect(() => expectLinear('fixed input', () => lines(1000), lineLengths)).toThrow(/not about 8× as large/);
    expect(() => expectLinear('capped input', (n) => lines(Math.min(n, 3000)), lineLengths, { n: 1000 })).toThrow(/not about 8× as large/);
  });

  it('with a small maxRatio, tells a cost that does not grow from a linear one', () => {
    const head = (text: string) => text.slice(0, 2000).split('\n').length;
    expectLinear('head only', lines, head, { n: 5000, maxRatio: 3 });
    expect(() => expectLinear('line lengths', lines, lineLengths, { n: 2000, maxRatio: 3, attempts: 1 })).toThrow(/more than 3×/);
  });
});
