/** The exact-member index of big sets answers as the member-by-member test does. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { keysFor, scanContains, setContains } from './lookup';
import type { Ipset } from './types';

const span = { file: 'ipset.txt', line: 1, column: 1 };
const ADDRS = ['10.96.0.1', '10.96.0.2', '10.244.1.5'];

const memberArb = (type: string) => {
  const addr = fc.constantFrom(...ADDRS, '10.96.0.0/16', '10.96.0.1-10.96.0.9', 'junk');
  const port = fc.constantFrom('tcp:80', 'udp:53', '80', '53', '6:80', 'sctp:80', 'tcp:x');
  if (type === 'bitmap:port') return fc.constantFrom('80', '53', '30080', 'tcp:80').map((p) => [p]);
  if (type === 'hash:ip') return addr.map((a) => [a]);
  if (type === 'hash:ip,port,ip') return fc.tuple(addr, port, addr);
  return fc.tuple(addr, port);
};

const setArb = fc.constantFrom('hash:ip', 'hash:ip,port', 'hash:ip,port,ip', 'bitmap:port').chain((type) =>
  fc.record({
    type: fc.constant(type),
    members: fc.array(memberArb(type), { minLength: 32, maxLength: 90 }),
    // Sets that the index can take: every member exact.
    exactOnly: fc.boolean(),
  }),
);

function build(type: string, members: string[][], exactOnly: boolean): Ipset {
  const exact = (parts: string[]) => parts.every((p) => !p.includes('/') && !p.includes('-') && p !== 'junk' && !(type === 'bitmap:port' && p.includes(':')));
  const kept = exactOnly ? members.filter(exact) : members;
  return { name: 'S', type, family: 'inet', span, members: kept.map((parts) => ({ text: parts.join(','), parts, span })) };
}

describe('setContains', () => {
  it('answers as the member-by-member test does', () => {
    fc.assert(
      fc.property(
        setArb,
        fc.constantFrom(...ADDRS, '10.96.0.5'),
        fc.constantFrom(6, 17, 132),
        fc.constantFrom(53, 80, 30080),
        fc.constantFrom('dst,dst', 'src,dst,src', 'dst').map((f) => f.split(',')),
        ({ type, members, exactOnly }, dst, proto, dport, flags) => {
          const set = build(type, members, exactOnly);
          const p = { proto, src: '10.244.1.5', dst, sport: 40000, dport };
          expect(setContains(set, flags, p)).toBe(scanContains(set, keysFor(set, flags, p)));
        },
      ),
      { numRuns: 400 },
    );
  });
});
