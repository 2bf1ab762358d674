/**
 * The engine's side of a cross-node case: the dumps the lab took (every node, every pod, the
 * outside client), the same packet from the same place, and, where the engine forks (kube-proxy's
 * random endpoint), every branch, so the one the kernel took can be followed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildModel, renderMessage, simulate, type HopNode, type InputFile, type Model, type PacketSpec, type RuleNode, type Trace,
} from '../../../src/engine/index';
import { NODES, OUTSIDE, PODS, engineNetns, roleOfNetns } from './topology';
import type { ClusterCase, CtTuple, Endpoint4, EngineObservation, Frame } from './types';

const NODE_FILES = ['iptables-save.txt', 'ip-addr.txt', 'ip-route.txt', 'ip-neigh.txt', 'bridge-fdb.txt'];

/**
 * Node dumps from `nodeDumps` (taken for the case, after its setup), pod and outside-client
 * dumps from `hostDumps` (taken once by the build; they never change).
 */
export function engineInputs(nodeDumps: string, hostDumps: string, edit?: (name: string, text: string) => string): InputFile[] {
  const file = (dir: string, member: string, f: string) => readFileSync(join(dir, member, f), 'utf8');
  const inputs: InputFile[] = [];
  for (const n of NODES) {
    for (const f of NODE_FILES) {
      const name = `${n.name}/${f}`;
      const text = file(nodeDumps, n.name, f);
      inputs.push({ name, text: edit ? edit(name, text) : text, node: n.name });
    }
  }
  for (const p of PODS) {
    for (const f of ['ip-addr.txt', 'ip-route.txt']) inputs.push({ name: `${p.name}/${f}`, text: file(hostDumps, p.name, f), node: p.node, netns: p.name });
  }
  for (const f of ['ip-addr.txt', 'ip-route.txt']) inputs.push({ name: `${OUTSIDE.name}/${f}`, text: file(hostDumps, OUTSIDE.name, f), node: OUTSIDE.name });
  return inputs;
}

export function packetOf(c: ClusterCase): PacketSpec {
  const s = c.send;
  const spec: PacketSpec = { proto: s.proto, sport: s.sport, dst: s.dst, dport: s.dport };
  if (s.src) spec.src = s.src;
  return spec;
}

/** "10.244.1.2:40000 → 10.244.2.7:8080" (the engine's formatTuple) → an endpoint pair. */
function parseTuple(t: string): Endpoint4 | null {
  const m = /^(\S+):(\d+) → (\S+):(\d+)$/.exec(String(t));
  return m ? { src: m[1]!, sport: Number(m[2]), dst: m[3]!, dport: Number(m[4]) } : null;
}

const isRoot = (h: HopNode) => h.place.netnsName === '' && NODES.some((n) => n.name === h.place.node);

function rulesByNode(hops: HopNode[]): { rules: Record<string, string[]>; texts: Record<string, string[]> } {
  const rules: Record<string, string[]> = {};
  const texts: Record<string, string[]> = {};
  for (const n of NODES) { rules[n.name] = []; texts[n.name] = []; }
  for (const h of hops) {
    if (!isRoot(h)) continue;
    for (const ch of h.children) {
      if (ch.kind !== 'rule' || !ch.matched) continue;
      const r = (ch as RuleNode).rule;
      rules[h.place.node]!.push(`${r.chain}:${r.span.line}`);
      texts[h.place.node]!.push(`${r.table} ${r.chain} ${r.span.line}: ${r.text}`);
    }
  }
  return { rules, texts };
}

/** Per node, the interfaces the leg's POSTROUTING hops are placed at, each once. */
function postroutingByNode(hops: HopNode[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const n of NODES) out[n.name] = [];
  for (const h of hops) {
    if (!isRoot(h) || h.place.hook !== 'POSTROUTING' || !h.place.iface) continue;
    const list = out[h.place.node]!;
    if (!list.includes(h.place.iface)) list.push(h.place.iface);
  }
  return out;
}

function endpointOf(h: HopNode | undefined): Endpoint4 | null {
  const p = h?.after;
  return p && p.l4 ? { src: p.ip.src, sport: p.l4.sport, dst: p.ip.dst, dport: p.l4.dport } : null;
}

/** The engine's trace in the suite's terms. */
export function observe(model: Model, trace: Trace, choices: Record<string, string>, probability: number): EngineObservation {
  const req = trace.legs[0]!;
  const last = req.hops[req.hops.length - 1];
  const outcome: string = req.verdict;
  const at = req.verdict === 'delivered' && last ? roleOfNetns(String(last.place.netns)) : null;
  const { rules, texts } = rulesByNode(req.hops);

  // Frames on the underlay: what each tunnel device wraps (encap hop), and plain packets crossing it (wire hop).
  const frames: Frame[] = [];
  for (const h of req.hops) {
    const p = h.after;
    if (h.hop === 'encap' && p.tunnel && p.inner) {
      const i = p.inner;
      frames.push({
        vxlan: { src: p.ip.src, dst: p.ip.dst, dport: p.l4?.dport ?? 0, vni: p.tunnel.vni ?? -1 },
        pkt: { src: i.ip.src, sport: i.l4?.sport ?? 0, dst: i.ip.dst, dport: i.l4?.dport ?? 0 },
      });
    } else if (h.hop === 'wire' && !p.tunnel) {
      frames.push({ vxlan: null, pkt: { src: p.ip.src, sport: p.l4?.sport ?? 0, dst: p.ip.dst, dport: p.l4?.dport ?? 0 } });
    }
  }

  // Conntrack: what each node's conntrack confirmed, request and reply legs.
  const conntrack: Record<string, CtTuple[]> = {};
  for (const n of NODES) conntrack[n.name] = [];
  for (const leg of trace.legs.slice(0, 2)) {
    for (const h of leg.hops) {
      if (h.hop !== 'conntrack' || h.message.key !== 'hop.ct.confirm' || !isRoot(h)) continue;
      const orig = parseTuple(String(h.message.params?.orig));
      const reply = parseTuple(String(h.message.params?.reply));
      if (!orig || !reply) continue;
      const proto = h.after.ip.proto === 6 ? 'tcp' : h.after.ip.proto === 17 ? 'udp' : null;
      if (proto) conntrack[h.place.node]!.push({ proto, orig, reply });
    }
  }

  const replyLeg = trace.legs.find((l) => l.leg === 'reply');
  let reply: EngineObservation['reply'] = null;
  let replyRules: Record<string, string[]> = {};
  let replyPostrouting: Record<string, string[]> = {};
  if (replyLeg) {
    const rl = replyLeg.hops[replyLeg.hops.length - 1];
    reply = { outcome: replyLeg.verdict, at: replyLeg.verdict === 'delivered' && rl ? roleOfNetns(String(rl.place.netns)) : null, final: endpointOf(rl) };
    replyRules = rulesByNode(replyLeg.hops).rules;
    replyPostrouting = postroutingByNode(replyLeg.hops);
  }
  const ending = last ? `${last.hop} at ${last.place.netns}${last.place.hook ? ` ${last.place.hook}` : ''}: ${renderMessage(last.message)}; verdict ${req.verdict}: ${renderMessage(req.verdictMessage)}` : `no hops; ${renderMessage(req.verdictMessage)}`;
  return {
    choices,
    probability,
    outcome,
    at,
    final: endpointOf(last),
    ending,
    rules,
    ruleTexts: texts,
    replyRules,
    postrouting: postroutingByNode(req.hops),
    replyPostrouting,
    frames,
    reply,
    conntrack,
    randomPort: trace.assumptions.some((a) => a.key === 'assume.randomPort'),
    assumptions: trace.assumptions.map((a) => renderMessage(a)),
    errors: model.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.file}:${d.line}: ${d.message}`),
  };
}

export interface EngineLeaf {
  trace: Trace;
  obs: EngineObservation;
}

/** Every combination of branch choices the engine offers (depth-first, at most `limit`). */
export function engineLeaves(c: ClusterCase, model: Model, limit = 32): EngineLeaf[] {
  const from = engineNetns(c.send.from);
  const packet = packetOf(c);
  const leaves: EngineLeaf[] = [];
  const visit = (choices: Record<string, string>, probability: number) => {
    const trace = simulate(model, { from, packet, choices });
    const open = trace.branches.find((b) => !(b.key in choices));
    if (!open || leaves.length >= limit) {
      leaves.push({ trace, obs: observe(model, trace, choices, probability) });
      return;
    }
    for (const o of open.options) visit({ ...choices, [open.key]: o.value }, probability * o.probability);
  };
  visit({}, 1);
  return leaves;
}

export function buildEngineModel(nodeDumps: string, hostDumps: string, edit?: (name: string, text: string) => string): Model {
  return buildModel(engineInputs(nodeDumps, hostDumps, edit));
}
