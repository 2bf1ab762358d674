/** One case from start to verdict: the kernel lab, then the engine on the same dumps, then the comparison. */
import { buildModel, type Model } from '../../../src/engine/index';
import { checkDistribution, compare } from './compare';
import { engineInputs, engineLeaves, observeCli, pickLeaf, type EngineLeaf } from './engine';
import { LabError, leftoverNamespaces, runInKernel } from './lab';
import type { EngineObservation, KernelCase, KernelObservation } from './types';

export interface CaseResult {
  name: string;
  title: string;
  agree: boolean;
  /** Engine vs kernel differences (the point of the suite). */
  disagreements: string[];
  /** The lab failed or the kernel did not do what the case is about: not an engine verdict. */
  labProblem?: string;
  kernel?: KernelObservation;
  engine?: EngineObservation;
  notes: string[];
  seconds: number;
}

export function runCase(c: KernelCase): CaseResult {
  const started = Date.now();
  const result: CaseResult = { name: c.name, title: c.title, agree: false, disagreements: [], notes: [], seconds: 0 };
  const done = () => {
    result.seconds = (Date.now() - started) / 1000;
    const left = leftoverNamespaces().filter((n) => !n.startsWith('hsk-probe-'));
    if (left.length) result.labProblem = `${result.labProblem ? `${result.labProblem}; ` : ''}namespaces left behind: ${left.join(' ')}`;
    result.agree = !result.labProblem && result.disagreements.length === 0;
    return result;
  };
  let k: KernelObservation;
  try {
    k = runInKernel(c);
  } catch (e) {
    if (!(e instanceof LabError)) throw e;
    result.labProblem = e.message;
    return done();
  }
  result.kernel = k;

  const want = c.expectKernel;
  if (k.outcome !== want.outcome || (want.at && k.at !== want.at) || (want.rejectWith && k.rejectWith !== want.rejectWith)) {
    result.labProblem = `the kernel did not do what the case is about: expected ${want.outcome}${want.at ? ` at ${want.at}` : ''}${want.rejectWith ? ` (${want.rejectWith})` : ''}, ` +
      `kernel ${k.outcome}${k.at ? ` at ${k.at}` : ''}${k.rejectWith ? ` (${k.rejectWith})` : ''}; client ${JSON.stringify(k.client)}; files in ${k.outDir}`;
    return done();
  }

  let model: Model;
  let leaves: EngineLeaf[];
  try {
    model = buildModel(engineInputs(c, k.dumpsDir));
    leaves = engineLeaves(c, model);
  } catch (e) {
    result.disagreements.push(`the engine threw: ${(e as Error).stack ?? String(e)}`);
    return done();
  }
  const { leaf, kernelPickFound } = pickLeaf(leaves, k);
  result.engine = leaf.obs;
  if (!kernelPickFound) {
    result.disagreements.push(`the kernel's pick (${k.outcome}${k.at ? ` at ${k.at}` : ''}${k.seen ? `, ${k.seen.dst}:${k.seen.dport}` : ''}) is none of the engine's ${leaves.length} branches: ` +
      leaves.map((l) => `${l.obs.outcome}${l.obs.at ? ` at ${l.obs.at}` : ''}${l.obs.final ? ` ${l.obs.final.dst}:${l.obs.final.dport}` : ''}`).join(', '));
  }
  if (k.lastTtl !== null && leaf.obs.lastTtl !== null && k.lastTtl !== leaf.obs.lastTtl) {
    result.notes.push(`TTL in the node's last hook (not asserted): kernel ${k.lastTtl}, engine ${leaf.obs.lastTtl}`);
  }
  if (leaves.length > 1) result.notes.push(`engine branches: ${leaves.length}; followed ${JSON.stringify(leaf.choices)}`);
  result.disagreements.push(...compare(k, leaf.obs));
  const seen = k.seen ? `, receiver saw ${k.seen.src}:${k.seen.sport} → ${k.seen.dst}:${k.seen.dport}` : '';
  result.notes.push(`kernel: ${k.outcome}${k.at ? ` at ${k.at}` : ''}${k.rejectWith ? ` (${k.rejectWith})` : ''}${seen}; ${k.rules.length} rules: ${k.rules.join(' ')}`);

  if (c.cli) {
    try {
      result.disagreements.push(...compare(k, observeCli(c, k.dumpsDir, leaf.choices)));
    } catch (e) {
      result.disagreements.push(`the CLI failed: ${(e as Error).message.trim()}`);
    }
  }

  if (c.distribution) {
    const many = k.many;
    if (!many) {
      result.labProblem = 'no distribution counts from the lab';
      return done();
    }
    const expected: Record<string, number> = {};
    for (const l of leaves) {
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

export function describeResult(r: CaseResult): string {
  const lines = [`${r.name}: ${r.agree ? 'agree' : r.labProblem ? 'LAB PROBLEM' : 'DISAGREE'} (${r.seconds.toFixed(1)} s) — ${r.title}`];
  if (r.labProblem) lines.push(`  lab: ${r.labProblem}`);
  for (const d of r.disagreements) lines.push(`  - ${d}`);
  if (!r.agree && r.kernel) {
    lines.push('  kernel trace (node, request packet):');
    for (const l of r.kernel.traceLines) lines.push(`    ${l}`);
    if (r.engine) {
      lines.push('  engine matched rules:');
      for (const l of r.engine.ruleTexts) lines.push(`    ${l}`);
    }
    lines.push(`  files: ${r.kernel.outDir}`);
  }
  for (const n of r.notes) lines.push(`  note: ${n}`);
  return lines.join('\n');
}
