/**
 * The engine's side of a case: the same dump files the kernel lab printed, the same packet, and,
 * where the engine forks (statistic endpoint picks), every branch, so the one the kernel took
 * can be found.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  parsePacketSpec, simulate, type InputFile, type Model, type RuleNode, type SimulationRequest, type Trace,
} from '../../../src/engine/index';
import { REPO } from './lab';
import type { EngineObservation, KernelCase, KernelObservation } from './types';

export function engineInputs(c: KernelCase, dumpsDir: string): InputFile[] {
  const t = c.topology;
  const file = (dir: string, name: string) => readFileSync(join(dumpsDir, dir, name), 'utf8');
  const inputs: InputFile[] = ['iptables-save.txt', 'ip-addr.txt', 'ip-route.txt'].map((f) => ({ name: `${t.node}/${f}`, text: file(t.node, f), node: t.node }));
  if (c.policyRouting) inputs.push({ name: `${t.node}/ip-rule.txt`, text: file(t.node, 'ip-rule.txt'), node: t.node, format: 'ip-rule' });
  if (c.ipsets) inputs.push({ name: `${t.node}/ipset-save.txt`, text: file(t.node, 'ipset-save.txt'), node: t.node, format: 'ipset' });
  for (const p of t.pods) {
    for (const f of ['ip-addr.txt', 'ip-route.txt']) inputs.push({ name: `${p.role}/${f}`, text: file(p.role, f), node: t.node, netns: p.role });
  }
  return inputs;
}

/** The addresses the lab's outside namespace holds. */
export function extAddresses(t: KernelCase['topology']): string[] {
  return t.ext.cidrs.map((c) => c.split('/')[0]!);
}

export function packetText(c: KernelCase): string {
  const s = c.send;
  return `${s.proto} ${s.src}:${s.sport} > ${s.dst}:${s.dport}`;
}

export function engineRequest(c: KernelCase): SimulationRequest {
  const t = c.topology;
  const spec = parsePacketSpec(packetText(c));
  if (!spec.value) throw new Error(`bad packet spec ${packetText(c)}`);
  const req: SimulationRequest = { from: t.node, packet: spec.value };
  if (c.send.from === 'ext') req.in = t.nic.name;
  else if (c.send.from !== t.node) req.from = `${t.node}/${c.send.from}`;
  if (c.settings) req.settings = c.settings;
  return req;
}

/** The engine's trace in the suite's terms. */
export function observe(c: KernelCase, model: Model, trace: Trace, choices: Record<string, string>): EngineObservation {
  const t = c.topology;
  const leg = trace.legs[0]!;
  const rules: string[] = [];
  const ruleTexts: string[] = [];
  for (const hop of leg.hops) {
    if (hop.place.netns !== t.node) continue; // the kernel trace covers the node's netns
    for (const ch of hop.children) {
      if (ch.kind !== 'rule' || !ch.matched) continue;
      const r = (ch as RuleNode).rule;
      rules.push(`${r.chain}:${r.span.line}`);
      ruleTexts.push(`${r.table} ${r.chain} ${r.span.line}: ${r.text}`);
    }
  }
  const last = leg.hops[leg.hops.length - 1];
  const egress = [...leg.hops].reverse().find((h) => h.hop === 'egress')?.place.iface ?? null;
  let outcome: string = leg.verdict;
  let at: string | null = null;
  if (leg.verdict === 'delivered' && last) {
    const ns = last.place.netns as string;
    at = ns === t.node ? t.node : ns.startsWith(`${t.node}/`) ? ns.slice(t.node.length + 1) : ns;
  } else if (leg.verdict === 'forwarded' && egress === t.nic.name && last && extAddresses(t).includes(last.after.ip.dst)) {
    // Out of the node's NIC onto the underlay, to an address of the lab's outside namespace.
    outcome = 'delivered';
    at = 'ext';
  } else if (leg.verdict === 'forwarded') {
    outcome = `forwarded out of ${egress ?? '?'} to ${last?.after.ip.dst ?? '?'} (beyond the lab)`;
  }
  const p = last?.after;
  const final = p && p.l4 ? { src: p.ip.src, sport: p.l4.sport, dst: p.ip.dst, dport: p.l4.dport } : null;
  const drop = leg.hops.find((h) => h.hop === 'drop');
  const withParam = drop?.message.params?.with;
  const rejectWith = leg.verdict === 'rejected' ? String(withParam ?? '') || null : null;
  const randomPort = trace.assumptions.some((a) => a.key === 'assume.randomPort');
  const inNode = leg.hops.filter((h) => h.place.netns === t.node && h.hop === 'chain');
  const lastTtl = inNode.length ? inNode[inNode.length - 1]!.before.ip.ttl : null;
  const errors = model.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.file}:${d.line}: ${d.message}`);
  return { via: 'api', rules, ruleTexts, outcome, at, final, rejectWith, lastTtl, randomPort, choices, errors };
}

export interface EngineLeaf {
  choices: Record<string, string>;
  trace: Trace;
  obs: EngineObservation;
  /** Product of the chosen options' probabilities. */
  probability: number;
}

/** Every combination of branch choices the engine offers (depth-first, at most `limit`). */
export function engineLeaves(c: KernelCase, model: Model, limit = 64): EngineLeaf[] {
  const base = engineRequest(c);
  const leaves: EngineLeaf[] = [];
  const visit = (choices: Record<string, string>, probability: number) => {
    const trace = simulate(model, { ...base, choices });
    const open = trace.branches.find((b) => !(b.key in choices));
    if (!open || leaves.length >= limit) {
      leaves.push({ choices, trace, obs: observe(c, model, trace, choices), probability });
      return;
    }
    for (const o of open.options) visit({ ...choices, [open.key]: o.value }, probability * o.probability);
  };
  visit({}, 1);
  return leaves;
}

function sameRules(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/**
 * The engine's branch the kernel took: the kernel's pick (read from the receiver / conntrack,
 * i.e. the endpoint it chose) must be one of the engine's branches. Among the branches that
 * end where the kernel's packet ended, one with the kernel's rule list is preferred.
 */
export function pickLeaf(leaves: EngineLeaf[], k: KernelObservation): { leaf: EngineLeaf; kernelPickFound: boolean } {
  if (leaves.length === 1) return { leaf: leaves[0]!, kernelPickFound: true };
  const endsLikeKernel = leaves.filter((l) => {
    if (l.obs.outcome !== k.outcome || l.obs.at !== k.at) return false;
    if (k.seen && l.obs.final) return l.obs.final.dst === k.seen.dst && l.obs.final.dport === k.seen.dport;
    return true;
  });
  const exact = endsLikeKernel.find((l) => sameRules(l.obs.rules, k.rules));
  if (exact) return { leaf: exact, kernelPickFound: true };
  if (endsLikeKernel[0]) return { leaf: endsLikeKernel[0], kernelPickFound: true };
  return { leaf: leaves.find((l) => sameRules(l.obs.rules, k.rules)) ?? leaves[0]!, kernelPickFound: false };
}

interface CliJson {
  verdict: string;
  rules: { node: string; table: string; chain: string; file: string; line: number; text: string }[];
  final: { proto: string; src: string; sport: number | null; dst: string; dport: number | null; egress: string | null } | null;
  hops: { kind: string; netns: string }[];
  assumptions: string[];
}

/** The same case through `node bin/hopscope.js trace DUMPS --json`, with the same branch choices. */
export function observeCli(c: KernelCase, dumpsDir: string, choices: Record<string, string>): EngineObservation {
  const t = c.topology;
  const args = ['bin/hopscope.js', 'trace', dumpsDir, '--packet', packetText(c), '--json'];
  if (c.send.from === 'ext') args.push('--from', t.node, '--in', t.nic.name);
  else if (c.send.from === t.node) args.push('--from', t.node, '--local');
  else args.push('--from', `${t.node}/${c.send.from}`);
  for (const [k, v] of Object.entries(choices)) args.push('--choose', `${k}=${v}`);
  const r = spawnSync(process.execPath, args, { cwd: REPO, encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0) throw new Error(`hopscope CLI exited ${r.status}: ${r.stderr}`);
  const j = JSON.parse(r.stdout) as CliJson;
  const rules = j.rules.filter((x) => x.node === t.node).map((x) => `${x.chain}:${x.line}`);
  let outcome = j.verdict;
  let at: string | null = null;
  if (j.verdict === 'delivered') {
    const ns = j.hops.find((h) => h.kind === 'deliver')?.netns ?? '';
    at = ns === t.node ? t.node : ns.slice(t.node.length + 1);
  } else if (j.verdict === 'forwarded' && j.final?.egress === t.nic.name && extAddresses(t).includes(j.final.dst)) {
    outcome = 'delivered';
    at = 'ext';
  }
  const f = j.final;
  const final = f && f.sport !== null && f.dport !== null ? { src: f.src, sport: f.sport, dst: f.dst, dport: f.dport } : null;
  return {
    via: 'cli', rules, ruleTexts: j.rules.map((x) => `${x.table} ${x.chain} ${x.line}: ${x.text}`), outcome, at, final,
    rejectWith: null, lastTtl: null, randomPort: j.assumptions.some((a) => a.includes('--random-fully')), choices, errors: [],
  };
}
