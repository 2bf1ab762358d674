/** Projects the model into the graph the topology view draws. */
import type { Model } from '../model/types';
import { nodeLinks } from './links';
import { ovsTopology } from './ovs';
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
    const own = new Set(ns.links.map((l) => ifaceId(ns.id, l.name)));
    const ovs = ovsTopology(ns, own);
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
        // `master ovs-system` names the kernel datapath, not a bridge: ovs-vsctl show says which
        // bridge a port is on (vxlan_sys_4789 and genev_sys_6081 are the datapath's own devices).
        if (link.master !== 'ovs-system') links.push({ id: `port:${ns.id}:${link.name}`, kind: 'bridge-port', a: iface.id, b: ifaceId(ns.id, link.master) });
      }
      ifaces.push(iface);
      return iface.id;
    });
    ifaces.push(...ovs.ifaces);
    links.push(...ovs.links);
    const hasNetfilter = !!ns.iptables && [...ns.iptables.tables.values()].some((t) => [...t.chains.values()].some((c) => c.rules.length > 0));
    return { id: ns.id, node: ns.node, name: ns.name, kind: ns.kind, label: labelOf(model, ns), hasNetfilter, ifaces: [...ids, ...ovs.ifaces.map((i) => i.id)] };
  });
  const vethEnds = new Set<string>();
  for (const pair of model.veths) {
    const a = ifaceId(pair.a.netns, pair.a.link);
    const b = ifaceId(pair.b.netns, pair.b.link);
    vethEnds.add(a).add(b);
    links.push({ id: `veth:${pair.a.netns}:${pair.a.link}`, kind: 'veth', a, b });
  }
  links.push(...nodeLinks(model, ifaces, vethEnds));
  return { nodes: model.nodes.map((n) => ({ name: n.name, netns: [...n.netns] })), netns, ifaces, links };
}
