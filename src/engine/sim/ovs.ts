/**
 * Open vSwitch, as OVN-Kubernetes and OpenShift SDN use it: pod veths are ports of br-int; other
 * nodes are reached through geneve or VXLAN tunnel ports whose `remote_ip` is that node's address.
 * The OpenFlow pipeline (OVN's logical switches and routers) is not simulated: the port a frame
 * leaves by is derived from the ports and the addresses the dumps show, and the trace says so.
 */
import type { Msg } from '../explain/message';
import { msg } from '../explain/message';
import type { OvsBridge, OvsInterface } from '../formats/ovs/types';
import type { Netns } from '../model/types';
import { clonePacket, type Packet, type TunnelHeader } from '../trace/packet';
import type { DetailNode } from '../trace/types';
import { holderAnywhere, vethPeer } from './l2';
import { sourceAddress } from './routing';
import { assume, emit, placeOf, type SimState } from './state';

const TUNNEL_PORTS: Record<string, { kind: TunnelHeader['kind']; port: number; overhead: number }> = {
  // OVN sets the pod MTU 100 bytes below the underlay's to leave room for geneve and its options.
  geneve: { kind: 'geneve', port: 6081, overhead: 100 },
  vxlan: { kind: 'vxlan', port: 4789, overhead: 50 },
};

export function ovsBridgeOf(ns: Netns, port: string): OvsBridge | undefined {
  return ns.ovs?.config?.bridges.find((b) => b.ports.some((p) => p.name === port || p.interfaces.some((i) => i.name === port)));
}

function interfaces(bridge: OvsBridge): OvsInterface[] {
  return bridge.ports.flatMap((p) => p.interfaces);
}

/** Whether `ns` has an OVS tunnel port that receives this outer packet. */
export function ovsTunnelFor(ns: Netns, p: Packet): { bridge: OvsBridge; iface: OvsInterface } | null {
  if (!p.inner || p.ip.proto !== 17) return null;
  for (const bridge of ns.ovs?.config?.bridges ?? []) {
    for (const iface of interfaces(bridge)) {
      const t = TUNNEL_PORTS[iface.type];
      if (t && t.kind === p.tunnel?.kind && Number(iface.options.dst_port ?? t.port) === p.l4?.dport) return { bridge, iface };
    }
  }
  return null;
}

export type OvsDecision =
  | { kind: 'port'; bridge: OvsBridge; port: string } // out of a local port (a pod's veth, an internal port)
  | { kind: 'tunnel'; bridge: OvsBridge; outer: Packet; notes: Msg[] }
  | { kind: 'uplink'; bridge: OvsBridge; port: string } // out of the bridge's physical NIC (br-ex)
  | { kind: 'unknown'; bridge: OvsBridge };

/** Where br-int sends a frame that came in on `inPort`, derived from ports and addresses. */
export function ovsForward(state: SimState, ns: Netns, bridge: OvsBridge, inPort: string, packet: Packet): OvsDecision {
  const dst = packet.ip.dst;
  const holder = holderAnywhere(state.model, ns.node, dst);
  if (holder && holder.ns.node === ns.node) {
    // A pod on this node: its veth's host end is a port of this bridge.
    const local = bridge.ports.find((p) => p.name !== inPort && (vethPeer(state.model, ns.id, p.name)?.ns.id === holder.ns.id || (holder.ns.id === ns.id && holder.link.name === p.name)));
    if (local) return { kind: 'port', bridge, port: local.name };
  }
  if (holder && holder.ns.node !== ns.node) {
    const nodeAddresses = new Set([...state.model.netns.values()].filter((n) => n.node === holder.ns.node).flatMap((n) => n.links.flatMap((l) => l.addresses.map((a) => a.address))));
    const tunnel = interfaces(bridge).find((i) => TUNNEL_PORTS[i.type] && i.options.remote_ip && nodeAddresses.has(i.options.remote_ip));
    if (tunnel) return { kind: 'tunnel', bridge, ...wrap(ns, tunnel, packet, holder.link.mac) };
  }
  // Anything else leaves by the bridge's physical port, as br-ex does for the node's own traffic.
  const nic = bridge.ports.find((p) => p.name !== inPort && p.interfaces.some((i) => i.type === 'system' || (i.type === '' && ns.links.some((l) => l.name === i.name && l.kind === 'ethernet'))));
  if (nic) return { kind: 'uplink', bridge, port: nic.name };
  return { kind: 'unknown', bridge };
}

function wrap(ns: Netns, iface: OvsInterface, inner: Packet, innerDstMac: string | undefined): { outer: Packet; notes: Msg[] } {
  const t = TUNNEL_PORTS[iface.type]!;
  const remote = iface.options.remote_ip!;
  const notes: Msg[] = [msg('assume.tunnelSourcePort', { port: 49152 })];
  const key = iface.options.key;
  const vni = key && /^\d+$/.test(key) ? Number(key) : undefined;
  if (vni === undefined) notes.push(msg('assume.ovsTunnelKey', { port: iface.name, key: key ?? 'none' }));
  const wrapped = clonePacket(inner);
  wrapped.eth = { src: '??', dst: innerDstMac ?? '??' };
  const local = iface.options.local_ip ?? sourceAddress(ns, remote);
  const tunnel: TunnelHeader = { kind: t.kind, overhead: t.overhead };
  if (vni !== undefined) tunnel.vni = vni;
  return {
    outer: {
      eth: null,
      ip: { src: local ?? '0.0.0.0', dst: remote, proto: 17, ttl: 64 },
      l4: { sport: 49152, dport: Number(iface.options.dst_port ?? t.port) },
      meta: { mark: inner.meta.mark, ctmark: 0, ctstate: 'NONE', ctdir: 'ORIGINAL', ctnat: [] },
      length: inner.length + t.overhead,
      tunnel,
      inner: wrapped,
    },
    notes,
  };
}

/** The hop that says a frame entered an OVS bridge, and what is assumed about its pipeline. */
export function emitOvsIngress(state: SimState, ns: Netns, bridge: OvsBridge, port: string, packet: Packet): void {
  const children: DetailNode[] = [assume(state, msg(ns.ovs?.flows.length ? 'assume.ovsFlowsNotSimulated' : 'assume.ovsNoFlows', { bridge: bridge.name }))];
  emit(state, { hop: 'bridge', place: placeOf(ns, { iface: port }), before: packet, after: packet, message: msg('hop.ovs.in', { bridge: bridge.name, port }), children });
}
