/**
 * The IP stack of one namespace and the wires between namespaces: receive on an interface,
 * PREROUTING, the routing decision, INPUT or FORWARD, OUTPUT for what a socket sends,
 * POSTROUTING, and transmission out of an interface into a veth peer or a bridge port.
 */
import { msg } from '../explain/message';
import type { Link } from '../formats/ip-link/types';
import type { Netns } from '../model/types';
import { clonePacket, type Packet } from '../trace/packet';
import type { BranchNode, DetailNode, RouteNode } from '../trace/types';
import { runHook, type HookResult } from './hook';
import { bridgePortFor, holderAnywhere, linkOf, neighborMac, vethPeer } from './l2';
import { emitOvsIngress, ovsBridgeOf, ovsForward, ovsPipeline, ovsTunnelFor, ovsUplinkOf } from './ovs';
import { decapsulate, encapsulate, tunnelEndpoint, tunnelKind } from './tunnel';
import { lookupRoute, UNKNOWN_IFACE, type RouteDecision } from './routing';
import { assume, emit, ended, placeOf, type LegEnd, type SimState } from './state';

function routeNode(ns: Netns, d: RouteDecision, result: RouteNode['result']): RouteNode {
  const node: RouteNode = {
    kind: 'route',
    netns: ns.id,
    route: d.route ? { text: d.route.span ? routeText(ns, d) : d.route.dstText, span: d.route.span, table: d.table } : null,
    result,
  };
  if (d.via) node.via = d.via;
  if (d.dev) node.dev = d.dev;
  if (d.src) node.src = d.src;
  return node;
}

function routeText(ns: Netns, d: RouteDecision): string {
  const r = d.route!;
  const parts = [r.type === 'unicast' ? '' : r.type, r.dstText, r.via ? `via ${r.via}` : '', r.dev ? `dev ${r.dev}` : '', d.table !== 'main' ? `table ${d.table}` : ''];
  return parts.filter(Boolean).join(' ') || ns.id;
}

/**
 * A multipath route forks the path: the kernel hashes the flow onto one nexthop, weighted.
 * Every nexthop becomes a branch option; `choices` (or the first nexthop) picks the one followed.
 */
function pickNexthop(state: SimState, ns: Netns, d: RouteDecision): { d: RouteDecision; branch?: BranchNode } {
  if (!d.nexthops || d.nexthops.length < 2) return { d };
  const total = d.nexthops.reduce((sum, n) => sum + (n.weight || 1), 0);
  const options = d.nexthops.map((n, i) => ({ value: String(i), label: `${n.via ? `via ${n.via} ` : ''}dev ${n.dev ?? '?'}`, probability: (n.weight || 1) / total }));
  const key = `${ns.id}:route/${d.route?.dstText ?? '?'}`;
  const wanted = state.choices[key];
  const valid = options.find((o) => o.value === wanted);
  const chosen = valid?.value ?? '0';
  const branch: BranchNode = { kind: 'branch', key, options, chosen, defaulted: !valid };
  state.branches.push(branch);
  const hop = d.nexthops[Number(chosen)]!;
  const picked: RouteDecision = { ...d };
  if (hop.dev) picked.dev = hop.dev;
  if (hop.via) picked.via = hop.via;
  else delete picked.via;
  return { d: picked, branch };
}

function routeAssumptions(state: SimState, ns: Netns, d?: RouteDecision): DetailNode[] {
  const out: DetailNode[] = [];
  if (d?.assumed) out.push(assume(state, msg('assume.routingUnknown', { netns: ns.name || ns.node })));
  else if (!ns.hasRoutes) out.push(assume(state, msg('assume.noRouteDump', { netns: ns.name || ns.node })));
  return out;
}

/** What a dropped or rejected hook means for the leg. */
function hookEnd(state: SimState, ns: Netns, r: HookResult, before: Packet): LegEnd {
  const verdict = r.verdict === 'reject' ? 'rejected' : 'dropped';
  const args = {
    hop: 'drop' as const,
    place: placeOf(ns),
    before,
    after: r.packet,
    message: msg(r.verdict === 'reject' ? 'hop.drop.reject' : 'hop.drop.rule', { with: r.rejectWith ?? '' }),
  };
  emit(state, r.decidedBy ? { ...args, decidedBy: r.decidedBy } : args);
  return ended(verdict, verdict === 'rejected' ? 'verdict.rejected' : 'verdict.dropped', { rule: r.decidedBy ? `${r.decidedBy.span.file}:${r.decidedBy.span.line}` : '' }, ns, r.packet);
}

/** A frame arrives on `ifname` in `ns` (from a veth peer or a wire). */
export function receive(state: SimState, ns: Netns, ifname: string, packet: Packet): LegEnd {
  const link = linkOf(ns, ifname);
  // A veth enslaved to Open vSwitch: the frame enters an OVS bridge, not the host's IP stack.
  if (link?.master === 'ovs-system') return ovsIngress(state, ns, ifname, packet);
  if (link?.master) {
    const bridge = linkOf(ns, link.master);
    if (bridge) return bridgeIngress(state, ns, bridge.name, ifname, packet);
  }
  return ipReceive(state, ns, ifname, packet);
}

function bridgeIngress(state: SimState, ns: Netns, bridge: string, port: string, packet: Packet): LegEnd {
  const br = linkOf(ns, bridge)!;
  const dstMac = packet.eth?.dst;
  const forBridge = !dstMac || dstMac === br.mac;
  const children: DetailNode[] = dstMac ? [] : [assume(state, msg('assume.macUnknownUp', { bridge }))];
  if (!state.settings.bridgeNfCallIptables) {
    if (forBridge) {
      emit(state, { hop: 'bridge', place: placeOf(ns, { iface: bridge }), before: packet, after: packet, message: msg('hop.bridge.up', { bridge, port }), children });
      return ipReceive(state, ns, bridge, packet);
    }
    children.push(assume(state, msg('assume.brNetfilterOff')));
    return bridgeForward(state, ns, bridge, port, packet, children, false);
  }
  // br_netfilter runs PREROUTING at the bridge for every IPv4 frame, whoever it is addressed to.
  children.push(assume(state, msg('assume.brNetfilterOn')));
  emit(state, { hop: 'bridge', place: placeOf(ns, { iface: port }), before: packet, after: packet, message: msg(forBridge ? 'hop.bridge.upNf' : 'hop.bridge.nfcall', { bridge, port }), children });
  const pre = runHook(state, ns, 'PREROUTING', packet, { iif: bridge, oif: null, bridged: { inPort: port } });
  if (pre.verdict !== 'accept') return hookEnd(state, ns, pre, packet);
  const pkt = pre.packet;
  if (pkt.ip.dst !== packet.ip.dst) {
    // br_nf_pre_routing_finish: after a DNAT the new destination is routed; if that route leads
    // back out of this same bridge, the frame stays bridged, with the MAC of the new destination.
    const d = lookupRoute(ns, pkt.ip.dst, { mark: pkt.meta.mark, iif: bridge, src: pkt.ip.src });
    if (d.kind === 'unicast' && d.dev === bridge) {
      const mac = neighborMac(state.model, ns, d.via ?? pkt.ip.dst, bridge);
      const rewritten = clonePacket(pkt);
      rewritten.eth = { src: pkt.eth?.src ?? '??', dst: mac.mac ?? '??' };
      emit(state, { hop: 'bridge', place: placeOf(ns, { iface: bridge }), before: pkt, after: rewritten, message: msg('hop.bridge.dnatBridged', { bridge, dst: pkt.ip.dst }), children: mac.assumed ? [assume(state, mac.assumed)] : [] });
      return bridgeForward(state, ns, bridge, port, rewritten, [], true);
    }
    emit(state, { hop: 'bridge', place: placeOf(ns, { iface: bridge }), before: pkt, after: pkt, message: msg('hop.bridge.dnatUp', { bridge }) });
    return routeAfterPrerouting(state, ns, bridge, pkt);
  }
  if (forBridge) return routeAfterPrerouting(state, ns, bridge, pkt);
  return bridgeForward(state, ns, bridge, port, pkt, [], true);
}

/** Hairpin: unknown without `ip -d` output; Kubernetes' bridge CNI turns it on, which is assumed then. */
function hairpinAllowed(state: SimState, ns: Netns, port: string): { ok: boolean; assumed?: DetailNode } {
  const flag = linkOf(ns, port)?.bridgePort?.hairpin;
  if (flag !== undefined) return { ok: flag };
  return { ok: true, assumed: assume(state, msg('assume.hairpinUnknown', { port })) };
}

/**
 * The bridge forwards a frame from port to port by its destination MAC. With br_netfilter the
 * IP hooks FORWARD and POSTROUTING run too, with the bridge as both input and output interface
 * and the ports visible to `-m physdev`: this is what lets conntrack undo a Service's DNAT on
 * a reply that goes straight from one pod to another on the same bridge.
 */
function bridgeForward(state: SimState, ns: Netns, bridge: string, inPort: string, packet: Packet, children: DetailNode[], nfCall: boolean): LegEnd {
  const dstMac = packet.eth?.dst ?? '??';
  const out = dstMac !== '??' ? bridgePortFor(state.model, ns, bridge, dstMac) : null;
  if (!out) {
    emit(state, { hop: 'bridge', place: placeOf(ns, { iface: bridge }), before: packet, after: packet, message: msg('hop.bridge.flood', { bridge, mac: dstMac }), children: [...children, assume(state, msg('assume.flood', { bridge, mac: dstMac }))] });
    return ended('incomplete', 'verdict.flooded', { bridge }, ns, packet);
  }
  if (out.name === inPort) {
    const hairpin = hairpinAllowed(state, ns, inPort);
    if (hairpin.assumed) children.push(hairpin.assumed);
    if (!hairpin.ok) {
      emit(state, { hop: 'drop', place: placeOf(ns, { iface: inPort }), before: packet, after: packet, message: msg('hop.bridge.noHairpin', { bridge, port: inPort }), children });
      return ended('dropped', 'verdict.noHairpin', { bridge, port: inPort }, ns, packet);
    }
  }
  emit(state, { hop: 'bridge', place: placeOf(ns, { iface: bridge }), before: packet, after: packet, message: msg('hop.bridge.forward', { bridge, port: out.name }), children });
  if (!nfCall) return crossWire(state, ns, out.name, packet);
  const bridged = { inPort, outPort: out.name };
  const fwd = runHook(state, ns, 'FORWARD', packet, { iif: bridge, oif: bridge, bridged });
  if (fwd.verdict !== 'accept') return hookEnd(state, ns, fwd, packet);
  const post = runHook(state, ns, 'POSTROUTING', fwd.packet, { iif: bridge, oif: bridge, bridged });
  if (post.verdict !== 'accept') return hookEnd(state, ns, post, fwd.packet);
  emit(state, { hop: 'bridge', place: placeOf(ns, { iface: out.name }), before: post.packet, after: post.packet, message: msg('hop.bridge.out', { bridge, port: out.name }) });
  return crossWire(state, ns, out.name, post.packet);
}

/** Tunnel metadata of a frame that a tunnel port unwrapped, as the flows can match it. */
type OvsTunnelMeta = { id: bigint; src: string; dst: string };

/** A frame enters an OVS bridge on `port`: its flows (or, without them, its ports) decide where it goes. */
function ovsIngress(state: SimState, ns: Netns, port: string, packet: Packet, tunnel?: OvsTunnelMeta): LegEnd {
  const bridge = ovsBridgeOf(ns, port);
  if (!bridge) {
    emit(state, { hop: 'drop', place: placeOf(ns, { iface: port }), before: packet, after: packet, message: msg('hop.ovs.noConfig', { port }), children: [assume(state, msg('assume.ovsNoConfig', { port }))] });
    return ended('incomplete', 'verdict.ovsUnknown', { port }, ns, packet);
  }
  const viaFlows = ovsPipeline(state, ns, bridge, port, packet, tunnel);
  if (!viaFlows) emitOvsIngress(state, ns, bridge, port, packet);
  const d = viaFlows?.decision ?? ovsForward(state, ns, bridge, port, packet);
  const pkt = viaFlows?.packet ?? packet;
  if (d.kind === 'drop') return ended('dropped', 'verdict.ovsDrop', { bridge: bridge.name }, ns, pkt);
  if (d.kind === 'port') {
    const out = bridge.ports.find((p) => p.name === d.port);
    if (!viaFlows) emit(state, { hop: 'bridge', place: placeOf(ns, { iface: d.port }), before: pkt, after: pkt, message: msg('hop.ovs.out', { bridge: bridge.name, port: d.port }) });
    // An internal port is a device of the host itself: the host's IP stack receives the packet.
    if (d.port === bridge.name || out?.interfaces.some((i) => i.type === 'internal')) return ipReceive(state, ns, d.port, pkt);
    return crossWire(state, ns, d.port, pkt);
  }
  if (d.kind === 'patch') {
    emit(state, { hop: 'bridge', place: placeOf(ns, { iface: d.port }), before: pkt, after: pkt, message: msg('hop.ovs.patch', { bridge: bridge.name, port: d.port, peer: d.peer }) });
    return ovsIngress(state, ns, d.peer, pkt);
  }
  if (d.kind === 'tunnel') {
    const o = d.outer;
    emit(state, {
      hop: 'encap',
      place: placeOf(ns, { iface: bridge.name }),
      before: pkt,
      after: o,
      message: msg('hop.ovs.encap', { bridge: bridge.name, kind: o.tunnel!.kind.toUpperCase(), src: o.ip.src, dst: o.ip.dst, dport: o.l4!.dport, overhead: o.tunnel!.overhead }),
      children: d.notes.map((n) => assume(state, n)),
    });
    return localOutput(state, ns, o);
  }
  if (d.kind === 'uplink') {
    if (!viaFlows) emit(state, { hop: 'bridge', place: placeOf(ns, { iface: d.port }), before: pkt, after: pkt, message: msg('hop.ovs.out', { bridge: bridge.name, port: d.port }) });
    return crossWire(state, ns, d.port, pkt, pkt.ip.dst);
  }
  emit(state, { hop: 'drop', place: placeOf(ns, { iface: port }), before: pkt, after: pkt, message: msg('hop.ovs.unknown', { bridge: bridge.name, dst: pkt.ip.dst }) });
  return ended('incomplete', 'verdict.ovsUnknown', { port }, ns, pkt);
}

/** L3 input: PREROUTING, the routing decision, then INPUT or FORWARD. */
function ipReceive(state: SimState, ns: Netns, iif: string, packet: Packet): LegEnd {
  const pre = runHook(state, ns, 'PREROUTING', packet, { iif, oif: null });
  if (pre.verdict !== 'accept') return hookEnd(state, ns, pre, packet);
  return routeAfterPrerouting(state, ns, iif, pre.packet);
}

/** The input routing decision and what follows it: INPUT and delivery, or FORWARD and POSTROUTING. */
function routeAfterPrerouting(state: SimState, ns: Netns, iif: string, packet: Packet): LegEnd {
  let pkt = packet;
  let d = lookupRoute(ns, pkt.ip.dst, { mark: pkt.meta.mark, iif, src: pkt.ip.src });
  const children = routeAssumptions(state, ns, d);
  if (d.kind === 'local' || d.kind === 'broadcast') {
    emit(state, { hop: 'route', place: placeOf(ns, { iface: iif }), before: pkt, after: pkt, message: msg('hop.route.local', { dst: pkt.ip.dst }), children: [routeNode(ns, d, 'local'), ...children] });
    const input = runHook(state, ns, 'INPUT', pkt, { iif, oif: null });
    if (input.verdict === 'stolen') return localOutput(state, ns, input.packet);
    if (input.verdict !== 'accept') return hookEnd(state, ns, input, pkt);
    const ovsTunnel = ovsTunnelFor(ns, input.packet);
    if (ovsTunnel) {
      const inner = decapsulate(input.packet);
      emit(state, { hop: 'decap', place: placeOf(ns, { iface: ovsTunnel.iface.name }), before: input.packet, after: inner, message: msg('hop.ovs.decap', { kind: input.packet.tunnel!.kind.toUpperCase(), port: ovsTunnel.iface.name, bridge: ovsTunnel.bridge.name, src: input.packet.ip.src }) });
      const meta = { id: BigInt(input.packet.tunnel?.vni ?? 0), src: input.packet.ip.src, dst: input.packet.ip.dst };
      return ovsIngress(state, ns, ovsTunnel.iface.name, inner, meta);
    }
    const tunnel = tunnelEndpoint(ns, input.packet);
    if (tunnel && 'vniMismatch' in tunnel) {
      emit(state, { hop: 'drop', place: placeOf(ns, { iface: tunnel.vniMismatch.name }), before: input.packet, after: input.packet, message: msg('hop.decap.noVni', { vni: input.packet.tunnel?.vni ?? '?', dev: tunnel.vniMismatch.name, id: tunnel.vniMismatch.vxlan?.id ?? '?' }) });
      return ended('dropped', 'verdict.noVni', { vni: input.packet.tunnel?.vni ?? '?' }, ns, input.packet);
    }
    if (tunnel) {
      const inner = decapsulate(input.packet);
      emit(state, { hop: 'decap', place: placeOf(ns, { iface: tunnel.name }), before: input.packet, after: inner, message: msg('hop.decap', { kind: input.packet.tunnel!.kind.toUpperCase(), dev: tunnel.name, src: input.packet.ip.src }) });
      return receive(state, ns, tunnel.name, inner);
    }
    return deliver(state, ns, input.packet);
  }
  if (d.kind !== 'unicast' || !d.dev) return unroutable(state, ns, d, pkt, iif, children);
  const fork = pickNexthop(state, ns, d);
  d = fork.d;
  if (fork.branch) children.push(fork.branch);
  const dev = d.dev ?? UNKNOWN_IFACE;
  const forwarded = clonePacket(pkt);
  forwarded.ip.ttl -= 1;
  emit(state, { hop: 'route', place: placeOf(ns, { iface: iif }), before: pkt, after: forwarded, message: msg('hop.route.forward', { dst: pkt.ip.dst, dev, via: d.via ?? '' }), children: [routeNode(ns, d, 'forward'), ...children] });
  pkt = forwarded;
  if (pkt.ip.ttl <= 0) return ended('dropped', 'verdict.ttl', {}, ns, pkt);
  const fwd = runHook(state, ns, 'FORWARD', pkt, { iif, oif: dev });
  if (fwd.verdict !== 'accept') return hookEnd(state, ns, fwd, pkt);
  return postrouting(state, ns, fwd.packet, d, iif);
}

function unroutable(state: SimState, ns: Netns, d: RouteDecision, pkt: Packet, iif: string | null, children: DetailNode[]): LegEnd {
  const kind = d.kind === 'blackhole' || d.kind === 'prohibit' || d.kind === 'unreachable' ? d.kind : 'none';
  emit(state, { hop: 'route', place: placeOf(ns, iif ? { iface: iif } : {}), before: pkt, after: pkt, message: msg(`hop.route.${kind}`, { dst: pkt.ip.dst }), children: [routeNode(ns, d, kind), ...children] });
  emit(state, { hop: 'drop', place: placeOf(ns), before: pkt, after: pkt, message: msg('hop.drop.route', { dst: pkt.ip.dst, kind }) });
  return ended('unroutable', 'verdict.unroutable', { dst: pkt.ip.dst, netns: ns.name || ns.node }, ns, pkt);
}

/** A socket in `ns` sends `packet` (or IPVS re-sends it): the output route, OUTPUT, POSTROUTING. */
export function localOutput(state: SimState, ns: Netns, packet: Packet): LegEnd {
  let d = lookupRoute(ns, packet.ip.dst, { mark: packet.meta.mark });
  const children = routeAssumptions(state, ns, d);
  if (d.kind !== 'unicast' && d.kind !== 'local') return unroutable(state, ns, d, packet, null, children);
  const fork = pickNexthop(state, ns, d);
  d = fork.d;
  if (fork.branch) children.push(fork.branch);
  emit(state, { hop: 'route', place: placeOf(ns), before: packet, after: packet, message: msg(d.kind === 'local' ? 'hop.route.localOut' : 'hop.route.output', { dst: packet.ip.dst, dev: d.dev ?? 'lo', via: d.via ?? '' }), children: [routeNode(ns, d, 'output'), ...children] });
  // A local destination's output route goes through the loopback device, whichever device
  // holds the address (the kernel's __ip_route_output_key for RTN_LOCAL): OUTPUT sees `-o lo`.
  const out = runHook(state, ns, 'OUTPUT', packet, { iif: null, oif: d.kind === 'local' ? 'lo' : d.dev ?? 'lo' });
  // IPVS took the packet at LOCAL_OUT: it is routed to the real server and sent through LOCAL_OUT again.
  if (out.verdict === 'stolen') return localOutput(state, ns, out.packet);
  if (out.verdict !== 'accept') return hookEnd(state, ns, out, packet);
  let pkt = out.packet;
  if (out.rerouteBy !== undefined) {
    // A DNAT in nat OUTPUT, or a change of address or mark in mangle OUTPUT, makes the kernel route the packet again.
    const again = lookupRoute(ns, pkt.ip.dst, { mark: pkt.meta.mark });
    emit(state, { hop: 'route', place: placeOf(ns), before: pkt, after: pkt, message: msg('hop.route.reroute', { dst: pkt.ip.dst, dev: again.kind === 'local' ? 'lo' : again.dev ?? '', by: out.rerouteBy }), children: [routeNode(ns, again, 'output')] });
    if (again.kind !== 'unicast' && again.kind !== 'local') return unroutable(state, ns, again, pkt, null, []);
    d = again;
  }
  if (d.kind === 'local') {
    const post = runHook(state, ns, 'POSTROUTING', pkt, { iif: null, oif: 'lo' });
    if (post.verdict !== 'accept') return hookEnd(state, ns, post, pkt);
    pkt = post.packet;
    const input = runHook(state, ns, 'INPUT', pkt, { iif: 'lo', oif: null });
    if (input.verdict !== 'accept') return hookEnd(state, ns, input, pkt);
    return deliver(state, ns, input.packet);
  }
  return postrouting(state, ns, pkt, d, null);
}

function postrouting(state: SimState, ns: Netns, packet: Packet, d: RouteDecision, _iif: string | null): LegEnd {
  const post = runHook(state, ns, 'POSTROUTING', packet, { iif: _iif, oif: d.dev ?? null });
  if (post.verdict !== 'accept') return hookEnd(state, ns, post, packet);
  return transmit(state, ns, d, post.packet);
}

/** The packet leaves through `d.dev`: Ethernet addresses are filled in, then the wire decides. */
function transmit(state: SimState, ns: Netns, d: RouteDecision, packet: Packet): LegEnd {
  const dev = d.dev!;
  const link = linkOf(ns, dev);
  const nexthop = d.via ?? packet.ip.dst;
  if (link && tunnelKind(link)) return tunnelOut(state, ns, link, packet, nexthop);
  // Routed into an OVS internal port (ovn-k8s-mp0, tun0, br-ex): the frame enters that bridge.
  if (link?.kind === 'openvswitch' && ovsBridgeOf(ns, dev)) {
    const pkt = clonePacket(packet);
    pkt.eth = { src: link.mac ?? '??', dst: '??' };
    emit(state, { hop: 'egress', place: placeOf(ns, { iface: dev }), before: packet, after: pkt, message: msg('hop.egress', { dev, nexthop }) });
    return ovsIngress(state, ns, dev, pkt);
  }
  const pkt = clonePacket(packet);
  const mac = neighborMac(state.model, ns, nexthop, dev);
  const children: DetailNode[] = mac.assumed ? [assume(state, mac.assumed)] : [];
  pkt.eth = { src: link?.mac ?? '??', dst: mac.mac ?? '??' };
  emit(state, { hop: 'egress', place: placeOf(ns, { iface: dev }), before: packet, after: pkt, message: msg('hop.egress', { dev, nexthop }), children });
  if (link?.kind === 'bridge') {
    const port = pkt.eth.dst !== '??' ? bridgePortFor(state.model, ns, dev, pkt.eth.dst) : null;
    if (!port) {
      emit(state, { hop: 'bridge', place: placeOf(ns, { iface: dev }), before: pkt, after: pkt, message: msg('hop.bridge.flood', { bridge: dev, mac: pkt.eth.dst }), children: [assume(state, msg('assume.flood', { bridge: dev, mac: pkt.eth.dst }))] });
      return ended('incomplete', 'verdict.flooded', { bridge: dev }, ns, pkt);
    }
    emit(state, { hop: 'bridge', place: placeOf(ns, { iface: port.name }), before: pkt, after: pkt, message: msg('hop.bridge.out', { bridge: dev, port: port.name }) });
    return crossWire(state, ns, port.name, pkt, nexthop);
  }
  return crossWire(state, ns, dev, pkt, nexthop);
}

/** Into a tunnel device: wrap, then send the outer packet as the node itself would (OUTPUT, POSTROUTING). */
function tunnelOut(state: SimState, ns: Netns, link: Link, packet: Packet, nexthop: string): LegEnd {
  const enc = encapsulate(state, ns, link, packet, nexthop);
  if ('unknownRemote' in enc) {
    // With the FDB dumped, the kernel drops the frame (vxlan_xmit finds no destination); without it, nobody knows.
    emit(state, { hop: 'drop', place: placeOf(ns, { iface: link.name }), before: packet, after: packet, message: msg(enc.fdbKnown ? 'hop.encap.noFdb' : 'hop.encap.noRemote', { dev: link.name, nexthop }), children: enc.fdbKnown ? [] : [assume(state, enc.unknownRemote)] });
    return enc.fdbKnown ? ended('dropped', 'verdict.noFdb', { dev: link.name }, ns, packet) : ended('incomplete', 'verdict.vtepUnknown', { dev: link.name }, ns, packet);
  }
  const { outer } = enc;
  emit(state, {
    hop: 'encap',
    place: placeOf(ns, { iface: link.name }),
    before: packet,
    after: outer,
    message: msg(outer.tunnel!.kind === 'ipip' ? 'hop.encap.ipip' : 'hop.encap.udp', {
      kind: outer.tunnel!.kind.toUpperCase(), dev: link.name, src: outer.ip.src, dst: outer.ip.dst, dport: outer.l4?.dport ?? '', vni: outer.tunnel!.vni ?? '', overhead: outer.tunnel!.overhead, mtu: link.mtu,
    }),
    children: enc.notes.map((n) => assume(state, n)),
  });
  return localOutput(state, ns, outer);
}

/** Out of `ifname` and onto whatever is at the other end: a veth peer, another node, or the world beyond the dumps. */
function crossWire(state: SimState, ns: Netns, ifname: string, packet: Packet, nexthop?: string): LegEnd {
  const peer = ifname === UNKNOWN_IFACE ? null : vethPeer(state.model, ns.id, ifname);
  if (!peer) {
    // A node's uplink may itself be a veth (kind nodes are containers): another node in the
    // dumps that holds the next hop is still reachable across the network.
    const across = ifname !== UNKNOWN_IFACE && nexthop ? acrossUnderlay(state, ns, ifname, packet, nexthop) : null;
    if (across) return across;
    if (linkOf(ns, ifname)?.kind === 'veth') {
      emit(state, { hop: 'drop', place: placeOf(ns, { iface: ifname }), before: packet, after: packet, message: msg('hop.veth.unknownPeer', { iface: ifname }), children: [assume(state, msg('assume.vethPeerUnknown', { iface: ifname }))] });
      return ended('incomplete', 'verdict.unknownPeer', { iface: ifname }, ns, packet);
    }
    return ended('forwarded', 'verdict.leftNode', { iface: ifname, node: ns.node }, ns, packet);
  }
  // Crossing into another namespace scrubs the skb: mark and conntrack reference are reset.
  const pkt = clonePacket(packet);
  pkt.meta = { mark: 0, ctmark: 0, ctstate: 'NONE', ctdir: 'ORIGINAL', ctnat: [] };
  emit(state, { hop: 'veth', place: placeOf(peer.ns, { iface: peer.link.name }), before: packet, after: pkt, message: msg('hop.veth', { from: ifname, to: peer.link.name, netns: peer.ns.name || peer.ns.node }) });
  return receive(state, peer.ns, peer.link.name, pkt);
}

/**
 * Between nodes: the dumps hold no switch or router, so the next hop's owner on another node
 * (same subnet: one L2 network) or else the destination's owner (routed by the network) is
 * taken as the receiver, and the trace says so.
 */
function acrossUnderlay(state: SimState, ns: Netns, ifname: string, packet: Packet, nexthop: string): LegEnd | null {
  const direct = holderAnywhere(state.model, ns.node, nexthop);
  const routed = direct && direct.ns.node !== ns.node ? null : holderAnywhere(state.model, ns.node, packet.ip.dst);
  const to = direct && direct.ns.node !== ns.node ? direct : routed && routed.ns.node !== ns.node ? routed : null;
  if (!to) return null;
  const pkt = clonePacket(packet);
  pkt.meta = { mark: 0, ctmark: 0, ctstate: 'NONE', ctdir: 'ORIGINAL', ctnat: [] };
  const viaRouter = to !== direct;
  if (viaRouter && pkt.eth) pkt.eth = { src: '??', dst: to.link.mac ?? '??' };
  const note = viaRouter
    ? msg('assume.routedUnderlay', { from: ns.node, to: to.ns.node, dst: packet.ip.dst })
    : msg('assume.sharedUnderlay', { from: `${ns.node} ${ifname}`, to: `${to.ns.node} ${to.link.name}` });
  // An address on an OVS internal port (br-ex) is reached through that bridge's physical port.
  const nic = ovsUplinkOf(to.ns, to.link.name);
  const toIface = nic ?? to.link.name;
  emit(state, {
    hop: 'wire',
    place: placeOf(to.ns, { iface: toIface }),
    before: packet,
    after: pkt,
    message: msg('hop.wire', { fromNode: ns.node, fromIface: ifname, toNode: to.ns.node, toIface }),
    children: [assume(state, note)],
  });
  return nic ? ovsIngress(state, to.ns, nic, pkt) : receive(state, to.ns, to.link.name, pkt);
}

function deliver(state: SimState, ns: Netns, packet: Packet): LegEnd {
  const port = packet.l4 ? `:${packet.l4.dport}` : '';
  const dst = `${packet.ip.dst}${port}`;
  // A reply reaches the socket that opened the connection; a request needs a listener no dump shows.
  const children = state.leg === 'request' ? [assume(state, msg('assume.listener', { dst }))] : [];
  emit(state, { hop: 'deliver', place: placeOf(ns), before: packet, after: packet, message: msg(state.leg === 'request' ? 'hop.deliver' : 'hop.deliverReply', { dst, netns: ns.name || ns.node }), children });
  return ended('delivered', 'verdict.delivered', { dst: `${packet.ip.dst}${port}`, netns: ns.name || ns.node }, ns, packet);
}
