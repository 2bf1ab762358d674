/** One cross-node case from start to verdict: the kernel in the shared cluster, the engine on the same dumps, the comparison. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Model } from '../../../src/engine/index';
import { compare } from './compare';
import { buildEngineModel, engineLeaves, type EngineLeaf } from './engine';
import { LabError } from './kernel';
import { runInCluster, type ClusterLab } from './lab';
import { NODES } from './topology';
import type { ClusterCase, EngineObservation, KernelObservation } from './types';

export interface CaseResult {
  name: string;
  title: string;
  agree: boolean;
  disagreements: string[];
  labProblem?: string;
  kernel?: KernelObservation;
  engine?: EngineObservation;
  notes: string[];
  seconds: number;
}

/** The engine's branch the kernel took: same outcome, receiver and delivered destination; among those, the one with the kernel's rules. */
export function pickLeaf(leaves: EngineLeaf[], k: KernelObservation): { leaf: EngineLeaf; found: boolean } {
  if (leaves.length === 1) return { leaf: leaves[0]!, found: true };
  const ends = leaves.filter((l) => {
    if (l.obs.outcome !== k.outcome || l.obs.at !== k.at) return false;
    if (k.seen && l.obs.final) return l.obs.final.dst === k.seen.dst && l.obs.final.dport === k.seen.dport;
    return true;
  });
  const sameRules = (l: EngineLeaf) => NODES.every((n) => (l.obs.rules[n.name] ?? []).join(' ') === (k.rules[n.name] ?? []).join(' '));
  const exact = ends.find(sameRules);
  if (exact) return { leaf: exact, found: true };
  if (ends[0]) return { leaf: ends[0], found: true };
  return { leaf: leaves.find(sameRules) ?? leaves[0]!, found: false };
}

/** The engine side and the comparison, for a kernel observation (also used by the self-check with edited dumps). */
export function judge(c: ClusterCase, k: KernelObservation, model: Model): { disagreements: string[]; notes: string[]; engine: EngineObservation } {
  const leaves = engineLeaves(c, model);
  const { leaf, found } = pickLeaf(leaves, k);
  const disagreements: string[] = [];
  const notes: string[] = [];
  if (!found) {
    disagreements.push(`the kernel's pick (${k.outcome}${k.at ? ` at ${k.at}` : ''}${k.seen ? `, ${k.seen.dst}:${k.seen.dport}` : ''}) is none of the engine's ${leaves.length} branches: ` +
      leaves.map((l) => `${l.obs.outcome}${l.obs.at ? ` at ${l.obs.at}` : ''}${l.obs.final ? ` ${l.obs.final.dst}:${l.obs.final.dport}` : ''}`).join(', '));
  }
  if (leaves.length > 1) notes.push(`engine branches: ${leaves.length}; followed ${JSON.stringify(leaf.obs.choices)}`);
  disagreements.push(...compare(k, leaf.obs));
  return { disagreements, notes, engine: leaf.obs };
}

export function runCase(lab: ClusterLab | null, c: ClusterCase, buildError: string | null): CaseResult {
  const started = Date.now();
  const result: CaseResult = { name: c.name, title: c.title, agree: false, disagreements: [], notes: [], seconds: 0 };
  const done = () => {
    result.seconds = (Date.now() - started) / 1000;
    result.agree = !result.labProblem && result.disagreements.length === 0;
    // Both sides, next to the case's raw files, for a look afterwards.
    if (result.kernel) writeFileSync(join(result.kernel.dir, '..', 'result.json'), `${JSON.stringify(result, null, 1)}\n`);
    return result;
  };
  if (!lab) {
    result.labProblem = `no cluster: ${buildError ?? 'not built'}`;
    return done();
  }
  let k: KernelObservation;
  try {
    k = runInCluster(lab, c);
  } catch (e) {
    if (!(e instanceof LabError)) throw e;
    result.labProblem = e.message;
    return done();
  }
  result.kernel = k;
  const want = c.expectKernel;
  if (k.outcome !== want.outcome || (want.at && k.at !== want.at) || (c.want && k.at !== c.want)) {
    result.labProblem = `the kernel did not do what the case is about: expected ${want.outcome}${want.at ?? c.want ? ` at ${want.at ?? c.want}` : ''}, ` +
      `kernel ${k.outcome}${k.at ? ` at ${k.at}` : ''} after ${k.attempts} attempt(s); client ${JSON.stringify(k.client)}; files in ${k.dir}`;
    return done();
  }
  try {
    const model = buildEngineModel(k.dumpsDir, lab.hostDumps);
    const j = judge(c, k, model);
    result.engine = j.engine;
    result.disagreements.push(...j.disagreements);
    result.notes.push(...j.notes);
  } catch (e) {
    result.disagreements.push(`the engine threw: ${(e as Error).stack ?? String(e)}`);
  }
  return done();
}

export function describeResult(r: CaseResult): string {
  const lines = [`${r.name}: ${r.agree ? 'agree' : r.labProblem ? 'LAB PROBLEM' : 'DISAGREE'} (${r.seconds.toFixed(1)} s) — ${r.title}`];
  if (r.labProblem) lines.push(`  lab: ${r.labProblem}`);
  for (const d of r.disagreements) lines.push(`  - ${d}`);
  const k = r.kernel;
  if (k) {
    const seen = k.seen ? `, receiver saw ${k.seen.src}:${k.seen.sport} → ${k.seen.dst}:${k.seen.dport}` : '';
    lines.push(`  kernel: ${k.outcome}${k.at ? ` at ${k.at}` : ''}${k.rejectWith ? ` (${k.rejectWith})` : ''}${seen}${k.attempts > 1 ? ` (attempt ${k.attempts})` : ''}`);
    for (const f of k.frames) {
      lines.push(`  kernel underlay: ${f.vxlan ? `VXLAN ${f.vxlan.src} > ${f.vxlan.dst}:${f.vxlan.dport} vni ${f.vxlan.vni} | ` : ''}${f.pkt.src}:${f.pkt.sport} > ${f.pkt.dst}:${f.pkt.dport}`);
    }
    if (k.reply) lines.push(`  kernel reply at the client: ${k.reply.src}:${k.reply.sport} → ${k.reply.dst}:${k.reply.dport}`);
    for (const n of NODES) {
      if ((k.rules[n.name] ?? []).length) lines.push(`  kernel ${n.name}: ${k.rules[n.name]!.join(' ')}`);
      for (const ct of k.conntrack[n.name] ?? []) {
        lines.push(`  kernel ${n.name} conntrack: ${ct.proto} ${ct.orig.src}:${ct.orig.sport} > ${ct.orig.dst}:${ct.orig.dport} | ${ct.reply.src}:${ct.reply.sport} > ${ct.reply.dst}:${ct.reply.dport}`);
      }
    }
    if (!r.agree) {
      for (const n of NODES) {
        if (!(k.path[n.name] ?? []).length) continue;
        lines.push(`  kernel hooks on ${n.name} (request):`);
        for (const p of k.path[n.name]!) lines.push(`    ${p}`);
        for (const t of k.ruleTexts[n.name] ?? []) lines.push(`    ${t}`);
      }
      if (r.engine) {
        lines.push(`  engine ended: ${r.engine.ending}`);
        for (const n of NODES) for (const t of r.engine.ruleTexts[n.name] ?? []) lines.push(`    engine ${n.name}: ${t}`);
        const relevant = r.engine.assumptions.filter((a) => /FDB|VTEP|VNI|tunnel|vxlan/i.test(a));
        for (const a of relevant) lines.push(`  engine assumption: ${a}`);
      }
      lines.push(`  files: ${k.dir}`);
    }
  }
  for (const n of r.notes) lines.push(`  note: ${n}`);
  return lines.join('\n');
}
