/**
 * Fuzzing the whole pipeline: a scenario with one or more of its files mutated is loaded, built
 * into a model and simulated (request, reply, later packet). Nothing may throw; every leg ends
 * with a verdict, and a leg with no hops says why. Test-only.
 */
import fc from 'fast-check';
import { buildModel } from '../../model/build';
import { loadScenario } from '../../scenario/load';
import { parsePacketSpec } from '../../sim/packet-spec';
import { simulate } from '../../sim/simulate';
import { mutationArb, mutate, type Mutation } from './mutations';

export interface PipelineCase {
  /** Which file of the scenario each mutation list applies to (index into the sorted file names, wrapping). */
  edits: { file: number; mutations: Mutation[] }[];
}

export const pipelineCaseArb: fc.Arbitrary<PipelineCase> = fc.record({
  edits: fc.array(fc.record({ file: fc.nat(), mutations: fc.array(mutationArb(), { minLength: 1, maxLength: 3 }) }), { minLength: 1, maxLength: 3 }),
});

/** Runs one mutated scenario through the engine; returns the properties it broke (a throw is one). */
export function checkPipeline(id: string, files: Record<string, string>, c: PipelineCase): string[] {
  const names = Object.keys(files).filter((n) => n !== 'expected.txt' && !n.endsWith('.md')).sort();
  const edited = { ...files };
  for (const e of c.edits) {
    const name = names[e.file % names.length]!;
    edited[name] = mutate(edited[name]!, e.mutations);
  }
  try {
    const scenario = loadScenario(id, edited);
    if (!scenario.value) return scenario.diagnostics.length > 0 ? [] : ['no scenario and no diagnostic'];
    const model = buildModel(scenario.value.inputs);
    const problems: string[] = [];
    for (const p of scenario.value.packets) {
      const spec = parsePacketSpec(p.packet, 'packet');
      if (!spec.value) continue;
      const trace = simulate(model, { from: p.from, packet: spec.value, choices: p.choices ?? {}, later: true });
      if (trace.legs.length === 0) problems.push(`${p.name}: a trace without legs`);
      for (const leg of trace.legs) {
        if (!leg.verdict) problems.push(`${p.name}: leg ${leg.leg} has no verdict`);
        if (leg.hops.length === 0 && !leg.verdictMessage) problems.push(`${p.name}: leg ${leg.leg} has no hops and no message`);
      }
    }
    return problems;
  } catch (e) {
    return [`threw: ${e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e)}`];
  }
}
