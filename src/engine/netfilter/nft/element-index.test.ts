/** The set element index finds what a scan of the elements finds, first in listing order. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { NftElement, NftExpr } from '../../formats/nft/types';
import { findElement, scanElements } from './match';
import type { NftValue } from './values';

const ADDRS = ['10.96.0.1', '10.96.0.2', '192.168.56.11'];
const lit = (text: string, number?: number): NftExpr => (number === undefined ? { kind: 'literal', text } : { kind: 'literal', text, number });

const partArb: fc.Arbitrary<NftExpr> = fc.oneof(
  fc.constantFrom(...ADDRS).map((a) => lit(a)),
  fc.constantFrom('tcp', 'udp').map((p) => lit(p)),
  fc.constantFrom(53, 80, 30080).map((n) => lit(String(n), n)),
  fc.constant<NftExpr>({ kind: 'prefix', addr: '10.96.0.0', length: 16 }),
  fc.constant<NftExpr>({ kind: 'range', low: lit('30000', 30000), high: lit('32767', 32767) }),
  fc.constant<NftExpr>({ kind: 'literal', text: 'eth*', quoted: true }),
  fc.constant<NftExpr>({ kind: 'list', items: [lit('80', 80), lit('443', 443)] }),
);

const keyArb: fc.Arbitrary<NftExpr> = fc.oneof(
  partArb,
  fc.array(partArb, { minLength: 2, maxLength: 3 }).map((parts): NftExpr => ({ kind: 'concat', parts })),
);

const valueArb: fc.Arbitrary<NftValue> = fc.oneof(
  fc.constantFrom<NftValue>(...ADDRS, 'eth0', 'tcp', 6, 17, 80, 30080, 31000),
  fc.tuple(fc.constantFrom(...ADDRS, '10.96.9.9'), fc.constantFrom(6, 17), fc.constantFrom(53, 80, 30080)).map((t): NftValue => [...t]),
  fc.tuple(fc.constantFrom(6, 17), fc.constantFrom(80, 30080, 31000)).map((t): NftValue => [...t]),
  fc.constant<NftValue>(['syn', 'ack']),
);

describe('set element index', () => {
  it('finds the first element holding the value, as a scan does', () => {
    fc.assert(
      fc.property(fc.array(keyArb, { minLength: 32, maxLength: 120 }), fc.array(valueArb, { minLength: 1, maxLength: 6 }), (keys, values) => {
        const elements: NftElement[] = keys.map((key, i) => ({ key, span: { file: 'r.nft', line: i + 1, column: 1 } }));
        for (const v of values) expect(findElement(elements, v)).toBe(scanElements(elements, v));
      }),
      { numRuns: 300 },
    );
  });
});
