/**
 * Layer 2 as far as dumps can tell it: which MAC answers for an address (the interface that
 * holds it, or an `ip neigh` entry), which veth end is the peer of another, and which bridge
 * port leads to a MAC.
 */
import type { Link } from '../formats/ip-link/types';
import type { Msg } from '../explain/message';
import { msg } from '../explain/message';
import type { Model, Netns, NetnsId } from '../model/types';

export interface Endpoint {
  ns: Netns;
  link: Link;
}

/**
 * Every interface address → the interfaces holding it, in model order (namespaces, links,
 * addresses), built once per model: an IPVS node holds every ClusterIP on kube-ipvs0, and
 * scanning 30,000 addresses per lookup was most of a NodePort trace. The key (each link's
 * address count) rebuilds it if a model is changed after a trace.
 */
const holderCache = new WeakMap<Model, { key: number[]; byIp: Map<string, Endpoint[]> }>();

function holdersOf(model: Model, ip: string): Endpoint[] {
  const key: number[] = [];
  for (const ns of model.netns.values()) for (const link of ns.links) key.push(link.addresses.length);
  let hit = holderCache.get(model);
  if (!hit || hit.key.length !== key.length || hit.key.some((k, i) => k !== key[i])) {
    const byIp = new Map<string, Endpoint[]>();
    for (const ns of model.netns.values()) {
      for (const link of ns.links) {
        for (const a of link.addresses) {
          const list = byIp.get(a.address);
          if (!list) byIp.set(a.address, [{ ns, link }]);
          else if (list[list.length - 1]!.link !== link) list.push({ ns, link });
        }
      }
    }
    hit = { key, byIp };
    holderCache.set(model, hit);
  }
  return hit.byIp.get(ip) ?? [];
}

/** The interface on `node` holding `ip`, i.e. what ARP for `ip` would reach on a shared segment. */
export function holderOf(model: Model, node: string, ip: string): Endpoint | null {
  const found = holdersOf(model, ip).find((h) => h.ns.node === node);
  return found ? { ns: found.ns, link: found.link } : null;
}

/** The holder of `ip` on `node` if any, else on any other node (across an underlay or a tunnel). */
export function holderAnywhere(model: Model, node: string, ip: string): Endpoint | null {
  const holders = holdersOf(model, ip);
  const found = holders.find((h) => h.ns.node === node) ?? holders[0];
  return found ? { ns: found.ns, link: found.link } : null;
}

/**
 * The MAC that answers for `ip` on `dev`: the `ip neigh` entry when the dump has one;
 * otherwise the interface holding `ip` anywhere in the dumps, which is an assumption.
 */
export function neighborMac(model: Model, ns: Netns, ip: string, dev: string): { mac?: string; assumed?: Msg } {
  const entry = ns.neighbors?.find((n) => n.ip === ip && n.dev === dev && n.mac) ?? ns.neighbors?.find((n) => n.ip === ip && n.mac);
  if (entry?.mac) return { mac: entry.mac };
  const holder = holderAnywhere(model, ns.node, ip);
  if (holder?.link.mac) return { mac: holder.link.mac, assumed: msg('assume.neighUnknown', { ip }) };
  // Nobody holds the address (Calico's 169.254.1.1 gateway): the host end of the veth answers
  // ARP for it by proxy ARP, so the frame goes to that end's MAC.
  const peer = vethPeer(model, ns.id, dev);
  // Behind an OVS port the bridge's flows answer for the gateway (OVN's logical router port).
  if (peer?.link.master === 'ovs-system') return { assumed: msg('assume.ovsGateway', { ip, iface: peer.link.name }) };
  if (peer?.link.mac) return { mac: peer.link.mac, assumed: msg('assume.proxyArp', { ip, iface: peer.link.name }) };
  return { assumed: msg('assume.neighMissing', { ip, dev }) };
}

export function vethPeer(model: Model, netns: NetnsId, linkName: string): Endpoint | null {
  for (const pair of model.veths) {
    const [here, there] = pair.a.netns === netns && pair.a.link === linkName ? [pair.a, pair.b]
      : pair.b.netns === netns && pair.b.link === linkName ? [pair.b, pair.a] : [null, null];
    if (!here || !there) continue;
    const ns = model.netns.get(there.netns);
    const link = ns?.links.find((l) => l.name === there.link);
    if (ns && link) return { ns, link };
  }
  return null;
}

/** The bridge port (in `ns`, enslaved to `bridge`) whose far end has `mac`. */
export function bridgePortFor(model: Model, ns: Netns, bridge: string, mac: string): Link | null {
  for (const port of ns.links) {
    if (port.master !== bridge) continue;
    const peer = vethPeer(model, ns.id, port.name);
    if (peer?.link.mac === mac || port.mac === mac) return port;
  }
  return null;
}

export function linkOf(ns: Netns, name: string): Link | undefined {
  return ns.links.find((l) => l.name === name);
}
