/**
 * The analysis slice: everything derived from the inputs, computed here by calling the engine
 * (never in components). Each stage's diagnostics are collected; a stage that cannot go on
 * leaves a readable `analysisError` instead of throwing into React.
 */
import {
  buildModel,
  buildTopology,
  formatDiagnostic,
  loadScenario,
  parsePacketSpec,
  simulate,
  traceHops,
} from '../../engine';
import type { Diagnostic } from '../../engine';
import { clampStep } from './playbackSlice';
import type { AnalysisSlice, HopscopeState, LegName, SliceCreator } from './types';

const EMPTY: Pick<HopscopeState, 'scenario' | 'model' | 'topology' | 'trace' | 'hops' | 'hopLegs'> = {
  scenario: null,
  model: null,
  topology: null,
  trace: null,
  hops: [],
  hopLegs: [],
};

/** The same problem often surfaces twice (scenario loader and model builder); show it once. */
function dedupe(diagnostics: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = formatDiagnostic(d);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export const createAnalysisSlice: SliceCreator<AnalysisSlice> = (set, get) => ({
  ...EMPTY,
  diagnostics: [],
  analysisError: null,
  analyze: () => {
    const { scenarioId, files, packetIndex, choices, step } = get();
    if (scenarioId === null) return;
    const diagnostics: Diagnostic[] = [];
    const fail = (analysisError: string, partial: Partial<HopscopeState> = {}) =>
      set({ ...EMPTY, ...partial, diagnostics: dedupe(diagnostics), analysisError, playing: false, step: 0 });
    try {
      const loaded = loadScenario(scenarioId, files);
      diagnostics.push(...loaded.diagnostics);
      const scenario = loaded.value;
      if (!scenario) return fail(`The scenario “${scenarioId}” could not be read.`);

      const model = buildModel(scenario.inputs);
      diagnostics.push(...model.diagnostics);
      const topology = buildTopology(model);
      const packet = scenario.packets[packetIndex] ?? scenario.packets[0];
      if (!packet) return fail('The scenario names no packet to send.', { scenario, model, topology });

      const spec = parsePacketSpec(packet.packet);
      diagnostics.push(...spec.diagnostics);
      if (!spec.value) return fail(`The packet “${packet.packet}” could not be parsed.`, { scenario, model, topology });

      const trace = simulate(model, {
        from: packet.from,
        packet: spec.value,
        choices: { ...packet.choices, ...choices },
      });
      const hops = traceHops(trace);
      const legOf = new Map<string, LegName>();
      for (const leg of trace.legs) for (const hop of leg.hops) legOf.set(hop.id, leg.leg);
      set({
        scenario,
        model,
        topology,
        trace,
        hops,
        hopLegs: hops.map((h) => legOf.get(h.id) ?? 'request'),
        diagnostics: dedupe(diagnostics),
        analysisError: hops.length === 0 ? 'The simulation produced no hops.' : null,
        step: clampStep(step, hops.length - 1),
      });
    } catch (e) {
      // The engine promises values, not exceptions; if one escapes anyway, say so plainly.
      fail(`The engine failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  },
});
