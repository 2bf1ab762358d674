/**
 * What the packet builder's fields suggest, from the model's catalog: sources (pods, nodes) and
 * destinations (Service ports, NodePorts, pods). A cluster of 10,000 Services has tens of
 * thousands of them; a datalist that long costs the page seconds and helps nobody. So only
 * those matching what is typed are offered, at most SUGGESTION_LIMIT, found without building
 * the rest.
 */
import type { Catalog } from '../../engine';

export const SUGGESTION_LIMIT = 100;

export type Destination =
  | { kind: 'service'; value: string; name: string; protocol: string }
  | { kind: 'nodePort'; value: string; name: string; node: string }
  | { kind: 'pod'; value: string; name: string };

function* destinationsOf(catalog: Catalog): Generator<Destination> {
  for (const s of catalog.services) {
    for (const p of s.ports) {
      if (s.clusterIP) yield { kind: 'service', value: `${s.clusterIP}:${p.port}`, name: `${s.namespace ? `${s.namespace}/` : ''}${s.name}`, protocol: p.protocol };
      if (p.nodePort) for (const n of catalog.nodes) for (const a of n.addresses) yield { kind: 'nodePort', value: `${a}:${p.nodePort}`, name: s.name, node: n.name };
    }
  }
  for (const ns of catalog.namespaces) if (ns.kind === 'pod') for (const a of ns.addresses) yield { kind: 'pod', value: a, name: ns.label };
}

type Source = Catalog['namespaces'][number];

/** The first `limit` items whose text contains the query (case-insensitive); all, up to the limit, for an empty one. */
function firstMatching<T>(items: Iterable<T>, texts: (item: T) => string[], query: string, limit: number): T[] {
  const q = query.trim().toLowerCase();
  const out: T[] = [];
  for (const item of items) {
    if (out.length >= limit) break;
    if (!q || texts(item).some((s) => s.toLowerCase().includes(q))) out.push(item);
  }
  return out;
}

export function suggestDestinations(catalog: Catalog, query: string, limit = SUGGESTION_LIMIT): Destination[] {
  return firstMatching(destinationsOf(catalog), (d) => [d.value, d.name], query, limit);
}

export function suggestSources(catalog: Catalog, query: string, limit = SUGGESTION_LIMIT): Source[] {
  return firstMatching(catalog.namespaces, (n) => [n.id, n.label, ...n.addresses], query, limit);
}
