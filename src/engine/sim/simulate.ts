/**
 * The simulator's entry: resolve where the packet starts, build it, live the request leg, and,
 * when it reached a socket, the reply leg back through conntrack.
 */
import { msg } from '../explain/message';
import type { Model, Netns } from '../model/types';
import type { Packet } from '../trace/packet';
import type { LegNode, Trace } from '../trace/types';
import type { PacketSpec } from './packet-spec';
import { sourceAddress } from './routing';
import { localOutput, receive } from './stack';
import { assume, DEFAULT_SETTINGS, emit, HopLimitReached, type SimSettings, MAX_HOPS_PER_LEG, newState, placeOf, type LegEnd, type SimState } from './state';

export interface SimulationRequest {
  /** A namespace id ("node-1/client"), a namespace or pod name ("client"), or an address it holds. */
  from: string;
  packet: PacketSpec;
  /** Branch choices, keyed by `BranchNode.key`. */
  choices?: Record<string, string>;
  /** The packet arrives on this interface of `from` instead of being sent by a local socket. */
  in?: string;
  /** Follow the reply back (default true when the request is delivered). */
  reply?: boolean;
  /** After the reply, send a later packet of the same connection (an ACK), which conntrack handles. */
  later?: boolean;
  /** Kernel settings no dump shows; see `DEFAULT_SETTINGS`. */
  settings?: Partial<SimSettings>;
}

const PROTO_NUMBERS = { tcp: 6, udp: 17, icmp: 1 } as const;

/** Finds the namespace a packet starts in: by namespace id or name, node, kubectl pod name, or address. */
export function resolveSource(model: Model, from: string): Netns | null {
  const byId = model.netns.get(from as Netns['id']);
  if (byId) return byId;
  const all = [...model.netns.values()];
  const byName = all.find((ns) => ns.name === from) ?? all.find((ns) => ns.kind === 'host' && ns.node === from);
  if (byName) return byName;
  // A pod name from kubectl (`web-7d4b9c8f5d-x2kqp` or `default/web-7d4b9c8f5d-x2kqp`) stands for its address.
  const pod = model.kube.pods.find((p) => p.ip && (p.name === from || `${p.namespace}/${p.name}` === from));
  const address = pod?.ip ?? from;
  const holders = all.filter((ns) => ns.links.some((l) => l.addresses.some((a) => a.address === address)));
  return holders.find((ns) => ns.kind === 'pod') ?? holders[0] ?? null;
}

function initialPacket(spec: PacketSpec, src: string): Packet {
  const proto = PROTO_NUMBERS[spec.proto];
  const l4 = spec.proto === 'icmp' ? null : { sport: spec.sport ?? 40000, dport: spec.dport ?? 0, ...(spec.proto === 'tcp' ? { flags: 'S' } : {}) };
  return {
    eth: null,
    ip: { src, dst: spec.dst, proto, ttl: 64 },
    l4,
    meta: { mark: 0, ctmark: 0, ctstate: 'NONE', ctdir: 'ORIGINAL', ctnat: [] },
    length: spec.proto === 'tcp' ? 60 : spec.proto === 'udp' ? 64 : 84,
  };
}

function runLeg(state: SimState, leg: LegNode['leg'], body: () => LegEnd): { node: LegNode; end: LegEnd } {
  state.leg = leg;
  state.hops = [];
  state.inflight.clear();
  let end: LegEnd;
  try {
    end = body();
  } catch (e) {
    if (!(e instanceof HopLimitReached)) throw e;
    end = { verdict: 'incomplete', message: msg('verdict.hopLimit', { limit: MAX_HOPS_PER_LEG }) };
  }
  return { node: { kind: 'leg', leg, hops: state.hops, verdict: end.verdict, verdictMessage: end.message }, end };
}

export function simulate(model: Model, request: SimulationRequest): Trace {
  const state = newState(model, request.choices ?? {}, { ...DEFAULT_SETTINGS, ...request.settings });
  const source = resolveSource(model, request.from);
  if (!source) {
    return {
      legs: [{ kind: 'leg', leg: 'request', hops: [], verdict: 'incomplete', verdictMessage: msg('verdict.noSource', { from: request.from }) }],
      branches: [],
      assumptions: [],
      names: {},
    };
  }
  const spec = request.packet;
  const request_ = runLeg(state, 'request', () => {
    if (request.in) {
      const link = source.links.find((l) => l.name === request.in);
      const pkt = initialPacket(spec, spec.src ?? '0.0.0.0');
      pkt.eth = { src: '??', dst: link?.mac ?? '??' };
      emit(state, { hop: 'ingress', place: placeOf(source, { iface: request.in! }), before: pkt, after: pkt, message: msg('hop.ingress', { iface: request.in!, src: pkt.ip.src }), children: link ? [] : [assume(state, msg('assume.iifUnknown', { iface: request.in! }))] });
      return receive(state, source, request.in!, pkt);
    }
    const src = spec.src ?? sourceAddress(source, spec.dst) ?? '0.0.0.0';
    const pkt = initialPacket(spec, src);
    emit(state, { hop: 'originate', place: placeOf(source), before: pkt, after: pkt, message: msg('hop.originate', { netns: source.name || source.node, src: `${src}${pkt.l4 ? `:${pkt.l4.sport}` : ''}`, dst: `${spec.dst}${pkt.l4 ? `:${pkt.l4.dport}` : ''}`, proto: spec.proto }) });
    return localOutput(state, source, pkt);
  });
  const legs = [request_.node];
  const end = request_.end;
  if (end.verdict === 'delivered' && end.ns && end.packet && request.reply !== false) {
    const server = end.ns;
    const got = end.packet;
    const reply = runLeg(state, 'reply', () => {
      const pkt = initialPacket(spec, got.ip.dst);
      pkt.ip.dst = got.ip.src;
      if (pkt.l4 && got.l4) {
        pkt.l4.sport = got.l4.dport;
        pkt.l4.dport = got.l4.sport;
        if (spec.proto === 'tcp') pkt.l4.flags = 'SA';
      }
      emit(state, { hop: 'originate', place: placeOf(server), before: pkt, after: pkt, message: msg('hop.originateReply', { netns: server.name || server.node, dst: `${pkt.ip.dst}${pkt.l4 ? `:${pkt.l4.dport}` : ''}` }) });
      return localOutput(state, server, pkt);
    });
    legs.push(reply.node);
    if (request.later && reply.end.verdict === 'delivered') {
      const client = resolveSource(model, request.from)!;
      const first = request_.node.hops[0]!.before;
      const later = runLeg(state, 'later', () => {
        const pkt = initialPacket(spec, first.ip.src);
        if (pkt.l4 && first.l4) {
          pkt.l4.sport = first.l4.sport;
          if (spec.proto === 'tcp') pkt.l4.flags = 'A';
        }
        emit(state, { hop: 'originate', place: placeOf(client), before: pkt, after: pkt, message: msg('hop.originateLater', { netns: client.name || client.node }) });
        return request.in ? receive(state, client, request.in, pkt) : localOutput(state, client, pkt);
      });
      legs.push(later.node);
    }
  }
  return { legs, branches: state.branches, assumptions: [...state.assumptions.values()], names: namesFor(model, legs) };
}

/** The kubectl names of every address the packet carried, outer and inner. */
function namesFor(model: Model, legs: LegNode[]): Trace['names'] {
  const names: Trace['names'] = {};
  if (model.names.size === 0) return names;
  const visit = (p: Packet | undefined) => {
    for (; p; p = p.inner) {
      for (const ip of [p.ip.src, p.ip.dst]) {
        const n = model.names.get(ip);
        if (n && !names[ip]) names[ip] = { ...n };
      }
    }
  };
  for (const leg of legs) for (const hop of leg.hops) {
    visit(hop.before);
    visit(hop.after);
  }
  return names;
}
