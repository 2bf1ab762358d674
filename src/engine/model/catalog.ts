/**
 * What a packet can start from and go to, as the packet builder lists it: every namespace with
 * its addresses, every Service and node kubectl named. Derived from the model, never stored.
 */
import type { Model, NetnsId } from './types';

export interface CatalogNamespace {
  id: NetnsId;
  node: string;
  kind: 'host' | 'pod';
  /** The kubectl pod name when known, else the namespace or node name. */
  label: string;
  /** IPv4 addresses, loopback and Service addresses on dummy devices left out. */
  addresses: string[];
  /** Interfaces a packet can arrive on from outside (not loopback, not veth, not bridges). */
  uplinks: string[];
}

export interface CatalogService {
  namespace?: string;
  name: string;
  type: string;
  clusterIP?: string;
  ports: { port: number; nodePort?: number; protocol: string }[];
}

export interface Catalog {
  namespaces: CatalogNamespace[];
  services: CatalogService[];
  nodes: { name: string; addresses: string[] }[];
}

export function modelCatalog(model: Model): Catalog {
  const namespaces: CatalogNamespace[] = [];
  for (const ns of model.netns.values()) {
    const addresses = ns.links
      .filter((l) => l.kind !== 'loopback' && l.kind !== 'dummy')
      .flatMap((l) => l.addresses.filter((a) => a.family === 'inet').map((a) => a.address));
    const named = addresses.map((a) => model.names.get(a)).find((n) => n?.kind === 'pod');
    const label = ns.kind === 'pod' && named ? `${named.namespace ? `${named.namespace}/` : ''}${named.name}` : ns.name || ns.node;
    // An uplink is a NIC, or a veth whose other end no dump shows (a kind node's eth0).
    const joined = (name: string) => model.veths.some((v) => (v.a.netns === ns.id && v.a.link === name) || (v.b.netns === ns.id && v.b.link === name));
    const uplinks = ns.kind === 'host' ? ns.links.filter((l) => l.kind === 'ethernet' || (l.kind === 'veth' && !l.master && !joined(l.name))).map((l) => l.name) : [];
    namespaces.push({ id: ns.id, node: ns.node, kind: ns.kind, label, addresses, uplinks });
  }
  const services = model.kube.services.map((s) => {
    const out: CatalogService = { name: s.name, type: s.type, ports: s.ports.map((p) => ({ ...p })) };
    if (s.namespace) out.namespace = s.namespace;
    if (s.clusterIP) out.clusterIP = s.clusterIP;
    return out;
  });
  const nodes = model.kube.nodes.length
    ? model.kube.nodes.map((n) => ({ name: n.name, addresses: [n.internalIP, n.externalIP].filter((a): a is string => !!a) }))
    : model.nodes.map((n) => ({ name: n.name, addresses: namespaces.find((ns) => ns.id === n.netns[0])?.addresses ?? [] }));
  return { namespaces, services, nodes };
}
