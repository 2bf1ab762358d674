import { describe, expect, it } from 'vitest';
import type { Catalog, NetnsId } from '../../engine';
import { SUGGESTION_LIMIT, suggestDestinations, suggestSources } from './suggestions';

/** A catalog the size of a big cluster: 10,000 Services with a NodePort on every fourth, 3 nodes. */
function bigCatalog(): Catalog {
  const services = Array.from({ length: 10_000 }, (_, i) => ({
    namespace: 'default',
    name: `svc-${i}`,
    type: i % 4 === 0 ? 'NodePort' : 'ClusterIP',
    clusterIP: `10.96.${i >> 8}.${i & 255}`,
    ports: [{ port: 80, protocol: 'tcp', ...(i % 4 === 0 ? { nodePort: 30000 + (i % 2768) } : {}) }],
  }));
  const nodes = [1, 2, 3].map((n) => ({ name: `node-${n}`, addresses: [`192.168.56.1${n}`] }));
  const namespaces = nodes.map((n) => ({ id: n.name as NetnsId, node: n.name, kind: 'host' as const, label: n.name, addresses: n.addresses, uplinks: ['eth0'] }));
  return { services, nodes, namespaces };
}

describe('packet builder suggestions', () => {
  const catalog = bigCatalog();

  it('offers at most the limit, in the catalog order, when nothing is typed', () => {
    const all = suggestDestinations(catalog, '');
    expect(all).toHaveLength(SUGGESTION_LIMIT);
    expect(all[0]).toEqual({ kind: 'service', value: '10.96.0.0:80', name: 'default/svc-0', protocol: 'tcp' });
    expect(all[1]).toMatchObject({ kind: 'nodePort', value: '192.168.56.11:30000', node: 'node-1' });
  });

  it('offers only what matches the typed text, by address or by name', () => {
    expect(suggestDestinations(catalog, '10.96.38.25').map((d) => d.value)).toEqual(['10.96.38.25:80', '10.96.38.250:80', '10.96.38.251:80', '10.96.38.252:80', '10.96.38.253:80', '10.96.38.254:80', '10.96.38.255:80']);
    expect(suggestDestinations(catalog, 'SVC-9999').map((d) => d.value)).toEqual(['10.96.39.15:80']);
    expect(suggestDestinations(catalog, 'nothing like it')).toEqual([]);
  });

  it('filters sources by id, label or address', () => {
    expect(suggestSources(catalog, '56.12').map((n) => n.id)).toEqual(['node-2']);
    expect(suggestSources(catalog, '')).toHaveLength(3);
  });
});
