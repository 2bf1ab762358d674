/** The IPVS service index finds what a scan of the listing finds, in listing order. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { IpvsService, IpvsTable } from '../formats/ipvsadm/types';
import type { Packet } from '../trace/packet';
import { findVirtualService, serviceMatches } from './ipvs-index';

const span = { file: 'ipvsadm.txt', line: 1, column: 1 };
const ADDRS = ['10.96.0.1', '10.96.0.2', '192.168.56.11'];

const serviceArb = fc.oneof(
  fc.record({ protocol: fc.constantFrom('tcp', 'udp'), vip: fc.constantFrom(...ADDRS), port: fc.constantFrom(53, 80, 30080) }),
  fc.record({ fwmark: fc.constantFrom(1, 2) }),
);

function table(specs: ({ protocol: string; vip: string; port: number } | { fwmark: number })[]): IpvsTable {
  const services = specs.map((s, i) => ({ scheduler: 'rr', realServers: [], span: { ...span, line: i + 1 }, ...s }) as unknown as IpvsService);
  return { services } as unknown as IpvsTable;
}

function packet(dst: string, proto: number, dport: number, mark: number): Packet {
  return { eth: null, ip: { src: '10.244.1.2', dst, proto, ttl: 64 }, l4: { sport: 40000, dport }, meta: { mark, ctmark: 0, ctstate: 'NEW', ctdir: 'ORIGINAL', ctnat: [] }, length: 60 };
}

describe('findVirtualService', () => {
  it('returns the first service in listing order that takes the packet, as a scan does', () => {
    fc.assert(
      fc.property(
        fc.array(serviceArb, { minLength: 32, maxLength: 120 }),
        fc.constantFrom(...ADDRS, '10.96.9.9'),
        fc.constantFrom(6, 17),
        fc.constantFrom(53, 80, 30080, 443),
        fc.constantFrom(0, 1, 2),
        (specs, dst, proto, dport, mark) => {
          const t = table(specs);
          const p = packet(dst, proto, dport, mark);
          expect(findVirtualService(t, p)).toBe(t.services.find((s) => serviceMatches(s, p)));
        },
      ),
      { numRuns: 300 },
    );
  });
});
