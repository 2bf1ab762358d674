/** Finding host routes by address picks the route a scan of the table picks. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Route } from '../formats/ip-route/types';
import { parseIpv4, parseIpv4Net } from '../net/ipv4';
import { best, scanBest } from './routing';

const span = { file: 'ip-route.txt', line: 1, column: 1 };
const DSTS = ['10.96.0.1/32', '10.96.0.2/32', '10.96.0.0/16', '10.96.0.1/24', '0.0.0.0/0', '10.96.0.1/255.255.255.255', '10.96.0.3/32'];

function route(dst: string, metric: number, dev: string): Route {
  return { type: 'unicast', dst: parseIpv4Net(dst)!, dstText: dst, table: 'main', dev, metric, onlink: false, nexthops: [], span };
}

describe('best route', () => {
  it('is the one a scan of the table finds: longest prefix, lowest metric, first listed', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ dst: fc.constantFrom(...DSTS), metric: fc.constantFrom(0, 100), dev: fc.constantFrom('eth0', 'kube-ipvs0') }), { minLength: 64, maxLength: 150 }),
        fc.constantFrom('10.96.0.1', '10.96.0.2', '10.96.0.9', '192.168.1.1'),
        fc.constantFrom(undefined, 'eth0', 'kube-ipvs0'),
        (specs, dst, dev) => {
          const routes = specs.map((s) => route(s.dst, s.metric, s.dev));
          const ip = parseIpv4(dst)!;
          expect(best(routes, ip, dev)).toBe(scanBest(routes, ip, dev));
        },
      ),
      { numRuns: 300 },
    );
  });
});
