/**
 * Overlay tunnels: a packet routed into a VXLAN, Geneve or IPIP device leaves wrapped in an
 * outer packet addressed to the remote node; the remote node's tunnel device unwraps it.
 * Outer addresses come from the dumps: the device's `local`, the neighbour entry of the next
 * hop (its MAC) and the FDB entry for that MAC (its VTEP), as flannel programs them.
 */
import type { Msg } from '../explain/message';
import { msg } from '../explain/message';
import type { Link } from '../formats/ip-link/types';
import type { Netns } from '../model/types';
import { clonePacket, type Packet, type TunnelHeader } from '../trace/packet';
import { neighborMac } from './l2';
import { primaryAddress, sourceAddress } from './routing';
import type { SimState } from './state';

/** UDP ports the tunnel kinds listen on by default. */
const DEFAULT_PORTS = { vxlan: 4789, geneve: 6081 } as const;

/** Bytes added: outer IP 20 + UDP 8 + VXLAN/Geneve 8 + inner Ethernet 14; IPIP adds an IP header only. */
const OVERHEAD = { vxlan: 50, geneve: 50, ipip: 20 } as const;

export function tunnelKind(link: Link | undefined): TunnelHeader['kind'] | null {
  return link?.kind === 'vxlan' || link?.kind === 'geneve' || link?.kind === 'ipip' ? link.kind : null;
}

function udpPort(link: Link): number {
  if (link.kind === 'vxlan') return link.vxlan?.dstport ?? DEFAULT_PORTS.vxlan;
  return DEFAULT_PORTS.geneve;
}

/**
 * The kernel picks the outer UDP source port from a hash of the inner flow (udp_flow_src_port),
 * within the local port range. The value cannot be known from a dump; this stable stand-in is
 * shown with an assumption.
 */
function flowSourcePort(p: Packet): number {
  const key = `${p.ip.src}|${p.ip.dst}|${p.ip.proto}|${p.l4?.sport ?? 0}|${p.l4?.dport ?? 0}`;
  let h = 2166136261;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 16777619) >>> 0;
  return 32768 + (h % 28232);
}

export interface Encapsulation {
  outer: Packet;
  notes: Msg[];
}

/** Wraps `inner`, routed out of tunnel device `link` towards `nexthop`. Null when the remote is unknown. */
export function encapsulate(state: SimState, ns: Netns, link: Link, inner: Packet, nexthop: string): Encapsulation | { unknownRemote: Msg; fdbKnown: boolean } {
  const kind = tunnelKind(link)!;
  const notes: Msg[] = [];
  const wrapped = clonePacket(inner);
  let remote: string | undefined;
  if (kind === 'ipip') {
    // IPIP carries the IP packet itself: the outer destination is the route's gateway (onlink).
    wrapped.eth = null;
    remote = nexthop;
  } else {
    const mac = neighborMac(state.model, ns, nexthop, link.name);
    if (mac.assumed) notes.push(mac.assumed);
    wrapped.eth = { src: link.mac ?? '??', dst: mac.mac ?? '??' };
    const vtep = vtepFor(state, ns, link, mac.mac);
    if (vtep.assumed) notes.push(vtep.assumed);
    remote = vtep.ip;
  }
  if (!remote) return { unknownRemote: msg('assume.vtepUnknown', { dev: link.name, nexthop }), fdbKnown: ns.fdb !== null };
  const local = link.vxlan?.local ?? (link.vxlan?.dev ? primaryAddress(ns, link.vxlan.dev, remote) : null) ?? sourceAddress(ns, remote);
  const tunnel: TunnelHeader = { kind, overhead: OVERHEAD[kind] };
  if (link.vxlan) tunnel.vni = link.vxlan.id;
  const outer: Packet = {
    eth: null,
    ip: { src: local ?? '0.0.0.0', dst: remote, proto: kind === 'ipip' ? 4 : 17, ttl: 64 },
    l4: kind === 'ipip' ? null : { sport: flowSourcePort(inner), dport: udpPort(link) },
    // The same skb: its mark stays, its conntrack reference is dropped (iptunnel_xmit scrubs it).
    meta: { mark: inner.meta.mark, ctmark: 0, ctstate: 'NONE', ctdir: 'ORIGINAL', ctnat: [] },
    length: inner.length + OVERHEAD[kind],
    tunnel,
    inner: wrapped,
  };
  if (kind !== 'ipip') notes.push(msg('assume.tunnelSourcePort', { port: outer.l4!.sport }));
  return { outer, notes };
}

/** The VTEP for an inner destination MAC: the FDB entry, else the device's fixed remote, else whoever owns that MAC. */
function vtepFor(state: SimState, ns: Netns, link: Link, mac: string | undefined): { ip?: string; assumed?: Msg } {
  const entry = ns.fdb?.find((e) => e.dev === link.name && e.dst && e.mac === mac) ?? ns.fdb?.find((e) => e.dev === link.name && e.dst && e.isDefault);
  if (entry?.dst) return { ip: entry.dst };
  if (link.vxlan?.remote) return { ip: link.vxlan.remote };
  // With the node's FDB in the dumps, no entry means vxlan_xmit has nowhere to send: no guessing.
  if (!mac || ns.fdb) return {};
  for (const other of state.model.netns.values()) {
    const dev = other.links.find((l) => l.mac === mac && tunnelKind(l));
    const ip = dev?.vxlan?.local ?? (dev?.vxlan?.dev ? primaryAddress(other, dev.vxlan.dev, '0.0.0.0') : undefined);
    if (ip) return { ip, assumed: msg('assume.fdbUnknown', { mac, dev: link.name, vtep: ip }) };
  }
  return {};
}

/**
 * Whether a packet delivered to this namespace is a tunnel packet one of its devices unwraps:
 * the device, or `vniMismatch` when a device listens on the port but none has the packet's VNI
 * (vxlan_vs_find_vni finds nothing and the datagram is dropped at the socket).
 */
export function tunnelEndpoint(ns: Netns, p: Packet): Link | { vniMismatch: Link } | null {
  if (!p.inner) return null;
  let listening: Link | null = null;
  for (const link of ns.links) {
    const kind = tunnelKind(link);
    if (!kind || kind !== p.tunnel?.kind) continue;
    if (kind === 'ipip' && p.ip.proto === 4) return link;
    if (kind !== 'ipip' && p.ip.proto === 17 && p.l4?.dport === udpPort(link)) {
      if (link.vxlan?.local && link.vxlan.local !== p.ip.dst) continue;
      // An `external` (collect-metadata) device takes every VNI; it prints as id 0.
      if (!link.vxlan || link.vxlan.id === 0 || link.vxlan.id === p.tunnel?.vni) return link;
      listening = link;
    }
  }
  return listening ? { vniMismatch: listening } : null;
}

/** The inner packet, as it arrives on the tunnel device: a fresh skb context for conntrack. */
export function decapsulate(p: Packet): Packet {
  const inner = clonePacket(p.inner!);
  inner.meta = { ...inner.meta, ctstate: 'NONE', ctdir: 'ORIGINAL', ctnat: [], ctmark: 0 };
  return inner;
}

