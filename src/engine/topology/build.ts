/** Projects the model into the graph the topology view draws. */
import type { Model } from '../model/types';
import { ifaceId, type TopoIface, type TopoLink, type Topology } from './types';

/** A pod namespace is labelled with the kubectl name of the pod holding its address, when known. */
function labelOf(model: Model, ns: Model['netns'] extends Map<unknown, infer N> ? N : never): string {
  if (ns.kind === 'pod') {
    for (const link of ns.links) for (const a of link.addresses) {
      const name = model.names.get(a.address);
      if (name?.kind === 'pod') return name.namespace ? `${name.namespace}/${name.name}` : name.name;
    }
  }
  return ns.name || ns.node;
}

export function buildTopology(model: Model): Topology {
  const ifaces: TopoIface[] = [];
  const links: TopoLink[] = [];
  const netns = [...model.netns.values()].map((ns) => {
    const ids = ns.links.map((link) => {
      const iface: TopoIface = {
        id: ifaceId(ns.id, link.name),
        netns: ns.id,
        name: link.name,
        kind: link.kind,
        addresses: link.addresses.filter((a) => a.family === 'inet').map((a) => `${a.address}/${a.prefix}`),
        mtu: link.mtu,
      };
      if (link.mac) iface.mac = link.mac;
      if (link.master) {
        iface.master = link.master;
        links.push({ id: `port:${ns.id}:${link.name}`, kind: 'bridge-port', a: iface.id, b: ifaceId(ns.id, link.master) });
      }
      ifaces.push(iface);
      return iface.id;
    });
    const hasNetfilter = !!ns.iptables && [...ns.iptables.tables.values()].some((t) => [...t.chains.values()].some((c) => c.rules.length > 0));
    return { id: ns.id, node: ns.node, name: ns.name, kind: ns.kind, label: labelOf(model, ns), hasNetfilter, ifaces: ids };
  });
  for (const pair of model.veths) {
    links.push({ id: `veth:${pair.a.netns}:${pair.a.link}`, kind: 'veth', a: ifaceId(pair.a.netns, pair.a.link), b: ifaceId(pair.b.netns, pair.b.link) });
  }
  return { nodes: model.nodes.map((n) => ({ name: n.name, netns: [...n.netns] })), netns, ifaces, links };
}
