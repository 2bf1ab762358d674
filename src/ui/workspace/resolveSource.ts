/** The builder's reading of "From", to list that namespace's interfaces; the engine's `resolveSource` decides the trace. */
import type { Catalog, CatalogNamespace } from '../../engine';

/** Where `from` starts, as the engine resolves it: a namespace id, a pod or namespace name, a node, or an address. */
export function resolveSource(catalog: Catalog, from: string): CatalogNamespace | null {
  const f = from.trim();
  if (!f) return null;
  const all = catalog.namespaces;
  const byId = all.find((n) => n.id === f);
  if (byId) return byId;
  const byName = all.find((n) => n.kind === 'pod' && (n.id.split('/')[1] === f || n.label === f)) ?? all.find((n) => n.kind === 'host' && n.node === f);
  if (byName) return byName;
  const holders = all.filter((n) => n.addresses.includes(f));
  return holders.find((n) => n.kind === 'pod') ?? holders[0] ?? null;
}
