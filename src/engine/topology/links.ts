/**
 * Links between nodes: the underlay (uplinks of two nodes on one IPv4 subnet) and the tunnels
 * (a tunnel device and the remote one it sends to: flannel's VXLAN FDB `dst`, Calico's IPIP
 * routes `via NODE dev tunl0 onlink`, an OVS tunnel port's `remote_ip` or the `tun_dst` its flows
 * set). A tunnel whose remotes no dump names is drawn to the same kind of device on the next node.
 */
import { inNet, parseIpv4, parseIpv4Net } from '../net/ipv4';
import type { Model, Netns } from '../model/types';
import { flowsOf } from '../sim/ovs';
import type { TopoIface, TopoLink } from './types';

const TUNNEL_KINDS = new Set<TopoIface['kind']>(['vxlan', 'geneve', 'ipip']);

interface Endpoint {
  ns: Netns;
  iface: TopoIface;
  /** Remote addresses this device sends to, from the dumps. */
  remotes: string[];
}

function hostNamespaces(model: Model): Netns[] {
  return [...model.netns.values()].filter((ns) => ns.kind === 'host');
}

/** Which host namespace (node) holds `ip`. */
function nodeHolding(model: Model, ip: string): Netns | undefined {
  return hostNamespaces(model).find((ns) => ns.links.some((l) => l.addresses.some((a) => a.address === ip)));
}

function tunDstOfFlows(ns: Netns, bridgeName: string): string[] {
  const bridge = ns.ovs?.config?.bridges.find((b) => b.name === bridgeName);
  if (!bridge) return [];
  const out: string[] = [];
  for (const flow of flowsOf(ns, bridge)) {
    for (const a of flow.actions) {
      const m = /^([\d.]+)->tun_dst$/.exec(a.argText);
      if (a.name === 'set_field' && m) out.push(m[1]!);
    }
  }
  return out;
}

function endpointsOf(ns: Netns, ifaces: TopoIface[]): Endpoint[] {
  return ifaces
    .filter((i) => i.netns === ns.id && TUNNEL_KINDS.has(i.kind) && (i.ovs?.role === 'port' || !ns.links.find((l) => l.name === i.name)?.master))
    .map((iface) => {
      const remotes: string[] = [];
      const link = ns.links.find((l) => l.name === iface.name);
      if (link?.vxlan?.remote) remotes.push(link.vxlan.remote);
      for (const e of ns.fdb ?? []) if (e.dev === iface.name && e.dst) remotes.push(e.dst);
      for (const r of ns.routes) if (r.dev === iface.name && r.via) remotes.push(r.via);
      if (iface.ovs?.remoteIp && iface.ovs.remoteIp !== 'flow') remotes.push(iface.ovs.remoteIp);
      if (iface.ovs?.remoteIp === 'flow') {
        const bridge = ns.ovs?.config?.bridges.find((b) => b.ports.some((p) => p.interfaces.some((x) => x.name === iface.name)));
        if (bridge) remotes.push(...tunDstOfFlows(ns, bridge.name));
      }
      return { ns, iface, remotes: [...new Set(remotes)] };
    });
}

function uplinks(model: Model, ifaces: TopoIface[], vethPeers: Set<string>): TopoIface[] {
  const hosts = new Map(hostNamespaces(model).map((ns) => [ns.id as string, ns]));
  return ifaces.filter((i) => {
    const ns = hosts.get(i.netns);
    if (!ns || i.addresses.length === 0) return false;
    if (i.kind === 'ethernet') return true;
    // A kind node's eth0: a veth whose peer is in no dump.
    if (i.kind === 'veth') return !i.master && !vethPeers.has(i.id);
    // br-ex: an OVS internal port holding the node address over a physical port.
    if (i.kind === 'openvswitch') return ns.ovs?.config?.bridges.some((b) => b.name === i.name && b.ports.some((p) => p.interfaces.some((x) => x.type === 'system'))) ?? false;
    return false;
  });
}

function sameSubnet(a: TopoIface, b: TopoIface): boolean {
  return a.addresses.some((x) => {
    const na = parseIpv4Net(x);
    return !!na && b.addresses.some((y) => {
      const nb = parseIpv4Net(y);
      const ip = parseIpv4(y.split('/')[0]!);
      return !!nb && ip !== null && nb.prefix === na.prefix && inNet(ip, na);
    });
  });
}

export function nodeLinks(model: Model, ifaces: TopoIface[], vethPeers: Set<string>): TopoLink[] {
  const links: TopoLink[] = [];
  const nodeOf = new Map([...model.netns.values()].map((ns) => [ns.id as string, ns.node]));
  const seenUnderlay = new Set<string>();
  const up = uplinks(model, ifaces, vethPeers);
  for (const a of up) {
    for (const b of up) {
      const na = nodeOf.get(a.netns)!;
      const nb = nodeOf.get(b.netns)!;
      const key = [na, nb].sort().join('|');
      if (na === nb || a.id >= b.id || seenUnderlay.has(key) || !sameSubnet(a, b)) continue;
      seenUnderlay.add(key);
      links.push({ id: `underlay:${a.id}|${b.id}`, kind: 'underlay', a: a.id, b: b.id });
    }
  }
  const endpoints = hostNamespaces(model).flatMap((ns) => endpointsOf(ns, ifaces));
  const seenTunnel = new Set<string>();
  const add = (a: Endpoint, b: Endpoint) => {
    const key = [a.iface.id, b.iface.id].sort().join('|');
    if (seenTunnel.has(key)) return;
    seenTunnel.add(key);
    links.push({ id: `tunnel:${key}`, kind: 'tunnel', a: a.iface.id, b: b.iface.id });
  };
  for (const a of endpoints) {
    for (const ip of a.remotes) {
      const remote = nodeHolding(model, ip);
      if (!remote || remote.node === a.ns.node) continue;
      const candidates = endpoints.filter((e) => e.ns.id === remote.id && e.iface.kind === a.iface.kind);
      // The device that sends back to us, else the same-named one, else any of the same kind.
      const b = candidates.find((e) => e.remotes.some((r) => nodeHolding(model, r)?.id === a.ns.id)) ?? candidates.find((e) => e.iface.name === a.iface.name) ?? candidates[0];
      if (b) add(a, b);
    }
  }
  // Devices whose remotes no dump names: to the same kind of device on the next node.
  const silent = endpoints.filter((e) => e.remotes.length === 0);
  const nodes = model.nodes.map((n) => n.name);
  for (const a of silent) {
    const next = nodes[nodes.indexOf(a.ns.node) + 1];
    const b = silent.find((e) => e.ns.node === next && e.iface.kind === a.iface.kind);
    if (b) add(a, b);
  }
  return links;
}
