/** One nftables case from start to verdict: the kernel lab, the engine on the same dumps, the comparison. */
import { buildModel, type Model } from '../../../src/engine/index';
import { checkDistribution, compare } from '../harness/compare';
import { pickLeaf, type EngineLeaf } from '../harness/engine';
import { LabError } from '../harness/lab';
import type { EngineObservation, KernelObservation } from '../harness/types';
import { nftEngineInputs, nftEngineLeaves } from './engine';
import { leftoverNftNamespaces, runNftInKernel, type NftKernelRun } from './lab';
import type { NftCase } from './types';

export interface NftSendResult {
  sport: number;
  kernel: KernelObservation;
  engine?: EngineObservation;
  disagreements: string[];
}

export interface NftCaseResult {
  name: string;
  title: string;
  agree: boolean;
  disagreements: string[];
  labProblem?: string;
  run?: NftKernelRun;
  sends: NftSendResult[];
  notes: string[];
  seconds: number;
}

function describeKernel(k: KernelObservation): string {
  const seen = k.seen ? `, receiver saw ${k.seen.src}:${k.seen.sport} → ${k.seen.dst}:${k.seen.dport}` : '';
  return `${k.outcome}${k.at ? ` at ${k.at}` : ''}${k.rejectWith ? ` (${k.rejectWith})` : ''}${seen}`;
}

export function runNftCase(c: NftCase): NftCaseResult {
  const started = Date.now();
  const result: NftCaseResult = { name: c.name, title: c.title, agree: false, disagreements: [], sends: [], notes: [], seconds: 0 };
  const done = () => {
    result.seconds = (Date.now() - started) / 1000;
    const left = leftoverNftNamespaces();
    if (left.length) result.labProblem = `${result.labProblem ? `${result.labProblem}; ` : ''}namespaces left behind: ${left.join(' ')}`;
    result.agree = !result.labProblem && result.disagreements.length === 0 && result.sends.every((s) => s.disagreements.length === 0);
    return result;
  };
  let run: NftKernelRun;
  try {
    run = runNftInKernel(c);
  } catch (e) {
    if (!(e instanceof LabError)) throw e;
    result.labProblem = e.message;
    return done();
  }
  result.run = run;
  const want = c.expectKernel;
  for (const s of run.sends) {
    const k = s.obs;
    if (k.outcome !== want.outcome || (want.at && k.at !== want.at) || (want.rejectWith && k.rejectWith !== want.rejectWith)) {
      result.labProblem = `the kernel did not do what the case is about (source port ${s.sport}): expected ${want.outcome}${want.at ? ` at ${want.at}` : ''}${want.rejectWith ? ` (${want.rejectWith})` : ''}, ` +
        `kernel ${describeKernel(k)}; client ${JSON.stringify(k.client)}; files in ${run.outDir}`;
      result.sends = run.sends.map((x) => ({ sport: x.sport, kernel: x.obs, disagreements: [] }));
      return done();
    }
  }
  if (c.every) {
    const reached = new Set(run.sends.map((s) => s.obs.at));
    if (reached.size < c.every.need) {
      result.labProblem = `only ${reached.size} of ${c.every.need} receivers reached in ${run.sends.length} connections`;
      return done();
    }
    result.notes.push(`${run.sends.length} traced connections reached ${[...reached].sort().join(', ')}`);
  }
  result.notes.push(`${run.textChecked} traced rule(s) checked: the handle's dump line prints the rule the trace printed`);

  let model: Model;
  try {
    model = buildModel(nftEngineInputs(c, run.dumpsDir));
  } catch (e) {
    result.disagreements.push(`the engine threw: ${(e as Error).stack ?? String(e)}`);
    return done();
  }
  let firstLeaves: EngineLeaf[] | null = null;
  for (const s of run.sends) {
    const k = s.obs;
    const sr: NftSendResult = { sport: s.sport, kernel: k, disagreements: [] };
    result.sends.push(sr);
    let leaves: EngineLeaf[];
    try {
      leaves = nftEngineLeaves(c, model, { sport: s.sport });
    } catch (e) {
      sr.disagreements.push(`the engine threw: ${(e as Error).stack ?? String(e)}`);
      continue;
    }
    firstLeaves ??= leaves;
    const { leaf, kernelPickFound } = pickLeaf(leaves, k);
    sr.engine = leaf.obs;
    if (!kernelPickFound) {
      sr.disagreements.push(`the kernel's pick (${describeKernel(k)}) is none of the engine's ${leaves.length} branches: ` +
        leaves.map((l) => `${l.obs.outcome}${l.obs.at ? ` at ${l.obs.at}` : ''}${l.obs.final ? ` ${l.obs.final.dst}:${l.obs.final.dport}` : ''}`).join(', '));
    }
    sr.disagreements.push(...compare(k, leaf.obs));
    if (k.lastTtl !== null && leaf.obs.lastTtl !== null && k.lastTtl !== leaf.obs.lastTtl) result.notes.push(`sport ${s.sport}: TTL in the node's last hook (not asserted): kernel ${k.lastTtl}, engine ${leaf.obs.lastTtl}`);
    if (leaves.length > 1) result.notes.push(`sport ${s.sport}: engine branches ${leaves.length}; followed ${JSON.stringify(leaf.choices)}`);
    result.notes.push(`sport ${s.sport}: kernel ${describeKernel(k)}; ${k.rules.length} rules: ${k.rules.join(' | ')}`);
  }

  if (c.distribution) {
    const many = run.many;
    if (!many || !firstLeaves) {
      result.labProblem = 'no distribution counts from the lab';
      return done();
    }
    const expected: Record<string, number> = {};
    for (const l of firstLeaves) {
      const at = l.obs.outcome === 'delivered' && l.obs.at ? l.obs.at : `(${l.obs.outcome})`;
      expected[at] = (expected[at] ?? 0) + l.probability;
    }
    const check = checkDistribution(many.counts, many.failures, expected);
    result.notes.push(`distribution: ${check.message}`);
    if (many.failures > 0) result.labProblem = `distribution: ${many.failures} connections failed`;
    else if (!check.ok) result.disagreements.push(`endpoint distribution does not fit the engine's branch probabilities: ${check.message}`);
  }
  return done();
}

export function describeNftResult(r: NftCaseResult): string {
  const lines = [`${r.name}: ${r.agree ? 'agree' : r.labProblem ? 'LAB PROBLEM' : 'DISAGREE'} (${r.seconds.toFixed(1)} s) — ${r.title}`];
  if (r.labProblem) lines.push(`  lab: ${r.labProblem}`);
  for (const d of r.disagreements) lines.push(`  - ${d}`);
  for (const s of r.sends) {
    if (s.disagreements.length === 0 && r.agree) continue;
    if (s.disagreements.length === 0 && !r.labProblem) continue;
    lines.push(`  source port ${s.sport}:`);
    for (const d of s.disagreements) lines.push(`  - ${d}`);
    lines.push('    kernel trace (node, request packet):');
    for (const l of s.kernel.traceLines) lines.push(`      ${l}`);
    if (s.engine) {
      lines.push('    engine matched rules:');
      for (const l of s.engine.ruleTexts) lines.push(`      ${l}`);
    }
  }
  if (!r.agree && r.run) lines.push(`  files: ${r.run.outDir}`);
  for (const n of r.notes) lines.push(`  note: ${n}`);
  return lines.join('\n');
}
