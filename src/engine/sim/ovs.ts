/**
 * Open vSwitch, as OVN-Kubernetes and OpenShift SDN use it: pod veths are ports of br-int (br0);
 * other nodes are reached through geneve or VXLAN tunnel ports. When the bridge's flows are given
 * (`ovs-ofctl dump-flows`), its OpenFlow pipeline decides (`openflow/pipeline.ts`), including the
 * tunnel destination and key of `remote_ip=flow`/`key=flow` ports (OpenShift SDN's vxlan0).
 * Without flows, the port a frame leaves by is derived from the ports and the addresses the dumps
 * show, and the trace says so.
 */
import type { Msg } from '../explain/message';
import { msg } from '../explain/message';
import type { OvsBridge, OvsFlow, OvsInterface } from '../formats/ovs/types';
import type { Netns } from '../model/types';
import { clonePacket, type Packet, type TunnelHeader } from '../trace/packet';
import type { DetailNode, RuleNode, RuleRef } from '../trace/types';
import { holderAnywhere, vethPeer } from './l2';
import { CT_STATE_BITS, fieldDef, formatField } from './openflow/fields';
import { matchText } from './openflow/match';
import { runPipeline, type PipelineResult } from './openflow/pipeline';
import { bridgePorts } from './openflow/ports';
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

/** The physical port (`type: system`) of the OVS bridge that holds the internal port `ifname` (br-ex → its NIC). */
export function ovsUplinkOf(ns: Netns, ifname: string): string | undefined {
  const link = ns.links.find((l) => l.name === ifname);
  if (link?.kind !== 'openvswitch') return undefined;
  const bridge = ovsBridgeOf(ns, ifname);
  return bridge ? interfaces(bridge).find((i) => i.type === 'system')?.name : undefined;
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
  | { kind: 'patch'; bridge: OvsBridge; port: string; peer: string } // into another bridge (br-int ↔ br-ex)
  | { kind: 'drop'; bridge: OvsBridge }
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

/** Tunnel destination and key set by the flows (`set_field:10.0.0.3->tun_dst`, `move:...->NXM_NX_TUN_ID[]`). */
interface FlowTunnel {
  dst?: string;
  id?: bigint;
}

function wrap(ns: Netns, iface: OvsInterface, inner: Packet, innerDstMac: string | undefined, fromFlows: FlowTunnel = {}): { outer: Packet; notes: Msg[] } {
  const t = TUNNEL_PORTS[iface.type]!;
  const remote = iface.options.remote_ip === 'flow' ? (fromFlows.dst ?? '0.0.0.0') : iface.options.remote_ip!;
  const notes: Msg[] = [msg('assume.tunnelSourcePort', { port: 49152 })];
  const key = iface.options.key;
  const vni = key === 'flow' && fromFlows.id !== undefined ? Number(fromFlows.id) : key && /^\d+$/.test(key) ? Number(key) : key === undefined ? 0 : undefined;
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

/** The hop that says a frame entered an OVS bridge whose flows are not given, and what is assumed. */
export function emitOvsIngress(state: SimState, ns: Netns, bridge: OvsBridge, port: string, packet: Packet): void {
  const children: DetailNode[] = [assume(state, msg(ns.ovs?.flows.length ? 'assume.ovsFlowsNotFor' : 'assume.ovsNoFlows', { bridge: bridge.name }))];
  emit(state, { hop: 'bridge', place: placeOf(ns, { iface: port }), before: packet, after: packet, message: msg('hop.ovs.in', { bridge: bridge.name, port }), children });
}

/**
 * The flows given for `bridge`: those a dump-flows command line named it for; flows of a dump
 * that named no bridge belong to the only bridge, or to the bridge named in the file's name.
 */
export function flowsOf(ns: Netns, bridge: OvsBridge): OvsFlow[] {
  // Every pass through a bridge asks again: filter the namespace's flows once per bridge.
  const all = ns.ovs?.flows ?? [];
  const cached = flowsCache.get(bridge);
  if (cached && cached.all === all && cached.size === all.length) return cached.flows;
  const flows = bridgeFlows(ns, bridge, all);
  flowsCache.set(bridge, { all, size: all.length, flows });
  return flows;
}

const flowsCache = new WeakMap<OvsBridge, { all: OvsFlow[]; size: number; flows: OvsFlow[] }>();

function bridgeFlows(ns: Netns, bridge: OvsBridge, all: OvsFlow[]): OvsFlow[] {
  const bridges = ns.ovs?.config?.bridges ?? [];
  const owner = (file: string) => {
    if (bridges.length === 1) return bridges[0]!.name;
    const named = bridges.filter((b) => file.includes(b.name)).sort((a, b) => b.name.length - a.name.length);
    return named[0]?.name;
  };
  return all.filter((f) => (f.bridge ?? owner(f.span.file)) === bridge.name);
}

/** A flow as `ovs-ofctl add-flow` would take it: without the counters dump-flows prints (duration, n_packets). */
export function flowText(flow: OvsFlow): string {
  const matches = flow.matches.map(matchText);
  return [`table=${flow.table}`, `priority=${flow.priority}`, ...matches].join(',') + ` actions=${flow.actionsText}`;
}

/** A flow as the trace points at it: "rule N" is its place among its table's flows, in dump order. */
function flowRef(bridge: OvsBridge, flow: OvsFlow, flows: OvsFlow[]): RuleRef {
  const position = flows.filter((f) => f.table === flow.table).indexOf(flow) + 1;
  return { id: `ovs:${bridge.name}:${flow.span.file}:${flow.span.line}`, table: `ovs ${bridge.name}`, chain: `table ${flow.table}`, position, text: flowText(flow), target: flow.actions[0]?.name ?? null, span: flow.span };
}

/** The pipeline's walk as detail nodes: one rule per table visited, then what it could not simulate. */
function pipelineDetails(state: SimState, bridge: OvsBridge, flows: OvsFlow[], r: PipelineResult, numbered: boolean): DetailNode[] {
  const out: DetailNode[] = [];
  for (const step of r.steps) {
    if (!step.flow) {
      out.push({ kind: 'error', message: msg('ovs.tableMiss', { bridge: bridge.name, table: step.table }) });
      continue;
    }
    const node: RuleNode = { kind: 'rule', rule: flowRef(bridge, step.flow, flows), matched: true };
    if (step.notSimulated.length) {
      node.notSimulated = step.notSimulated;
      out.push(node, assume(state, msg('assume.ovsMatchNotSimulated', { bridge: bridge.name, table: step.table, matches: step.notSimulated.join(', ') })));
    } else out.push(node);
    for (const action of step.skipped) out.push(assume(state, msg('assume.ovsActionNotSimulated', { bridge: bridge.name, table: step.table, action })));
  }
  if (!numbered) out.push(assume(state, msg('assume.ovsNoPortNumbers', { bridge: bridge.name })));
  if (r.copies.length) out.push(assume(state, msg('assume.ovsCopies', { bridge: bridge.name, ports: r.copies.join(', ') })));
  return out;
}

export interface OvsPipelineHop {
  decision: OvsDecision;
  /** The packet as the flows left it (rewritten MACs, addresses, TTL). */
  packet: Packet;
}

/**
 * Runs `bridge`'s OpenFlow pipeline for a frame that came in on `port`, emits the hop that shows
 * the tables it crossed, and says where the frame goes. Null when no flows are given for the bridge.
 */
export function ovsPipeline(state: SimState, ns: Netns, bridge: OvsBridge, port: string, packet: Packet, tunnel?: { id: bigint; src: string; dst: string }): OvsPipelineHop | null {
  const flows = flowsOf(ns, bridge);
  if (flows.length === 0) return null;
  const ports = bridgePorts(bridge, ns.ovs?.ofports ?? []);
  const inPort = ports.number(port);
  const ctState = state.leg === 'request' ? CT_STATE_BITS.new! : CT_STATE_BITS.est! | (state.leg === 'reply' ? CT_STATE_BITS.rpl! : 0n);
  const input = { bridge, flows, ports, inPort: inPort ?? 0, packet, ctState };
  const r = runPipeline(tunnel ? { ...input, tunnel } : input);
  const children = pipelineDetails(state, bridge, flows, r, ports.numbered);
  if (inPort === null) children.unshift(assume(state, msg('assume.ovsUnknownInPort', { bridge: bridge.name, port })));
  const last = [...r.steps].reverse().find((s) => s.flow)?.flow;
  const decision = pipelineDecision(state, ns, bridge, port, r, children);
  const outPort = decision.kind === 'port' || decision.kind === 'uplink' || decision.kind === 'patch' ? decision.port : decision.kind === 'tunnel' ? r.outcome.kind === 'output' ? r.outcome.port : '' : '';
  const message = decision.kind === 'drop' ? msg('hop.ovs.flowsDrop', { bridge: bridge.name, port, tables: r.steps.length }) : msg('hop.ovs.flows', { bridge: bridge.name, port, tables: r.steps.length, out: outPort || '?' });
  const args = { hop: decision.kind === 'drop' ? ('drop' as const) : ('bridge' as const), place: placeOf(ns, { iface: port }), before: packet, after: r.packet, message, children };
  emit(state, last ? { ...args, decidedBy: flowRef(bridge, last, flows) } : args);
  return { decision, packet: r.packet };
}

function pipelineDecision(state: SimState, ns: Netns, bridge: OvsBridge, inPort: string, r: PipelineResult, children: DetailNode[]): OvsDecision {
  const o = r.outcome;
  if (o.kind === 'drop') return { kind: 'drop', bridge };
  if (o.kind !== 'output') {
    // NORMAL (the L2 learning switch), a group, the controller: fall back to the ports.
    children.push(assume(state, msg('assume.ovsFallback', { bridge: bridge.name, what: o.kind === 'unsupported' ? o.action : o.kind === 'unknown-port' ? `port ${o.number}` : o.kind })));
    return ovsForward(state, ns, bridge, inPort, r.packet);
  }
  const iface = interfaces(bridge).find((i) => i.name === o.port);
  const portRow = bridge.ports.find((p) => p.name === o.port || p.interfaces.some((i) => i.name === o.port));
  if (iface && TUNNEL_PORTS[iface.type]) {
    const tunDst = r.fields.get('tun_dst');
    const flowTunnel: FlowTunnel = {};
    if (tunDst !== undefined && tunDst !== 0n) flowTunnel.dst = formatField(fieldDef('tun_dst')!, tunDst);
    const tunId = r.fields.get('tun_id');
    if (tunId !== undefined) flowTunnel.id = tunId;
    if (iface.options.remote_ip === 'flow' && flowTunnel.dst === undefined) return { kind: 'drop', bridge };
    const mac = r.packet.eth?.dst !== '??' ? r.packet.eth?.dst : undefined;
    return { kind: 'tunnel', bridge, ...wrap(ns, iface, r.packet, mac, flowTunnel) };
  }
  if (iface?.type === 'patch' && iface.options.peer) return { kind: 'patch', bridge, port: o.port, peer: iface.options.peer };
  if (o.port === bridge.name || iface?.type === 'internal') return { kind: 'port', bridge, port: portRow?.name ?? o.port };
  const isNic = iface && (iface.type === 'system' || (iface.type === '' && ns.links.some((l) => l.name === iface.name && l.kind === 'ethernet')));
  return isNic ? { kind: 'uplink', bridge, port: o.port } : { kind: 'port', bridge, port: portRow?.name ?? o.port };
}
