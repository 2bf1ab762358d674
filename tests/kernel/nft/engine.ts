/**
 * The engine's side of an nftables case: the dumps the lab printed (`nft list ruleset` or
 * `nft -j list ruleset`, iptables-save for iptables-nft tables side by side, conntrack -L when
 * the case warms a connection up, ip addr / ip route of the node and the pods), the same packet,
 * every numgen branch. Rules are named like the kernel's (lab.ts ruleKey).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { simulate, type InputFile, type Model, type RuleNode, type Trace } from '../../../src/engine/index';
import { engineRequest, observe, type EngineLeaf } from '../harness/engine';
import type { EngineObservation, KernelCase } from '../harness/types';
import { hasIptables, ruleKey } from './lab';
import type { NftCase } from './types';

/** The harness functions that only read topology, send and settings take an nft case as well. */
export function asKernelCase(c: NftCase): KernelCase {
  return { name: c.name, title: c.title, topology: c.topology, rules: '', listeners: c.listeners, send: c.send, expectKernel: c.expectKernel, ...(c.settings ? { settings: c.settings } : {}) };
}

export function nftEngineInputs(c: NftCase, dumpsDir: string): InputFile[] {
  const t = c.topology;
  const node = t.node;
  const file = (dir: string, name: string) => readFileSync(join(dumpsDir, dir, name), 'utf8');
  const inputs: InputFile[] = [];
  if (hasIptables(c)) inputs.push({ name: `${node}/iptables-save.txt`, text: file(node, 'iptables-save.txt'), node, format: 'iptables-save' });
  if (c.json) inputs.push({ name: `${node}/nft-ruleset.json`, text: file(node, 'nft-ruleset.json'), node, format: 'nft-json' });
  else inputs.push({ name: `${node}/nft-ruleset.txt`, text: file(node, 'nft-ruleset.txt'), node, format: 'nft' });
  for (const f of ['ip-addr.txt', 'ip-route.txt']) inputs.push({ name: `${node}/${f}`, text: file(node, f), node });
  if (c.conntrackDump) inputs.push({ name: `${node}/conntrack.txt`, text: file(node, 'conntrack.txt'), node, format: 'conntrack' });
  for (const p of t.pods) {
    for (const f of ['ip-addr.txt', 'ip-route.txt']) inputs.push({ name: `${p.role}/${f}`, text: file(p.role, f), node, netns: p.role });
  }
  return inputs;
}

/**
 * nft names ICMP reject codes without the `icmp-` prefix (`reject with icmp port-unreachable`,
 * `icmpx admin-prohibited`); the comparison (harness/compare.ts) speaks iptables' names. The
 * same ICMP type and code, so only the spelling is translated.
 */
const NFT_REJECT: Record<string, string> = {
  'port-unreachable': 'icmp-port-unreachable', 'host-unreachable': 'icmp-host-unreachable', 'net-unreachable': 'icmp-net-unreachable',
  'prot-unreachable': 'icmp-proto-unreachable', 'net-prohibited': 'icmp-net-prohibited', 'host-prohibited': 'icmp-host-prohibited',
  'admin-prohibited': 'icmp-admin-prohibited',
};

/** The harness's observation, with the matched rules named by table, chain and dump line. */
export function observeNft(c: NftCase, model: Model, trace: Trace, choices: Record<string, string>): EngineObservation {
  const base = observe(asKernelCase(c), model, trace, choices);
  const rules: string[] = [];
  const ruleTexts: string[] = [];
  for (const hop of trace.legs[0]!.hops) {
    if (hop.place.netns !== c.topology.node) continue;
    for (const ch of hop.children) {
      if (ch.kind !== 'rule' || !ch.matched) continue;
      const r = (ch as RuleNode).rule;
      const key = ruleKey(r.table, r.chain, r.span.line, c.json && r.table.includes(' ') ? r.span.column : undefined);
      rules.push(key);
      ruleTexts.push(`${key}: ${r.text}`);
    }
  }
  const rejectWith = base.rejectWith ? NFT_REJECT[base.rejectWith] ?? base.rejectWith : null;
  return { ...base, rules, ruleTexts, rejectWith };
}

/** Every combination of branch choices the engine offers (as harness/engine.ts engineLeaves). */
export function nftEngineLeaves(c: NftCase, model: Model, send: { sport: number } | null = null, limit = 64): EngineLeaf[] {
  const req = engineRequest(asKernelCase(send ? { ...c, send: { ...c.send, sport: send.sport } } : c));
  const leaves: EngineLeaf[] = [];
  const visit = (choices: Record<string, string>, probability: number) => {
    const trace = simulate(model, { ...req, choices });
    const open = trace.branches.find((b) => !(b.key in choices));
    if (!open || leaves.length >= limit) {
      leaves.push({ choices, trace, obs: observeNft(c, model, trace, choices), probability });
      return;
    }
    for (const o of open.options) visit({ ...choices, [open.key]: o.value }, probability * o.probability);
  };
  visit({}, 1);
  return leaves;
}
