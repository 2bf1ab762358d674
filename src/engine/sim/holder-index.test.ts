/** Finding the interface that holds an address by index picks what a scan of the model picks. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Model } from '../model/types';
import { holderAnywhere, holderOf } from './l2';

const IPS = ['10.96.0.1', '10.96.0.2', '10.244.1.5', '192.168.56.11'];

interface FakeNs {
  id: string;
  node: string;
  links: { name: string; addresses: { address: string }[] }[];
}

function scan(nss: FakeNs[], node: string, ip: string, anywhere: boolean): [string, string] | null {
  const order = anywhere ? [...nss.filter((n) => n.node === node), ...nss.filter((n) => n.node !== node)] : nss.filter((n) => n.node === node);
  for (const ns of order) for (const link of ns.links) if (link.addresses.some((a) => a.address === ip)) return [ns.id, link.name];
  return null;
}

describe('holderOf / holderAnywhere', () => {
  it('return the first holder in model order, on the node first, as a scan does; and see later changes', () => {
    const link = fc.record({ name: fc.constantFrom('eth0', 'kube-ipvs0', 'cni0', 'lo'), addresses: fc.array(fc.record({ address: fc.constantFrom(...IPS) }), { maxLength: 4 }) });
    const ns = fc.record({ node: fc.constantFrom('n1', 'n2'), links: fc.array(link, { maxLength: 3 }) });
    fc.assert(
      fc.property(fc.array(ns, { minLength: 1, maxLength: 5 }), fc.constantFrom('n1', 'n2'), fc.constantFrom(...IPS), (specs, node, ip) => {
        const nss: FakeNs[] = specs.map((s, i) => ({ id: `${s.node}/ns${i}`, ...s }));
        const model = { netns: new Map(nss.map((n) => [n.id, n])) } as unknown as Model;
        const got = (e: ReturnType<typeof holderOf>) => (e ? [(e.ns as unknown as FakeNs).id, e.link.name] : null);
        expect(got(holderOf(model, node, ip))).toEqual(scan(nss, node, ip, false));
        expect(got(holderAnywhere(model, node, ip))).toEqual(scan(nss, node, ip, true));
        // An address added after a lookup is found too.
        nss[0]!.links.push({ name: 'late0', addresses: [{ address: '10.0.0.99' }] });
        expect(got(holderOf(model, nss[0]!.node, '10.0.0.99'))).toEqual(scan(nss, nss[0]!.node, '10.0.0.99', false));
      }),
      { numRuns: 300 },
    );
  });
});
