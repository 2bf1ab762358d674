/**
 * The analysis slice: everything derived from the workspace, computed here by asking the engine
 * (in a worker in the browser), never in components. Dumps are re-read only when they changed;
 * a newer request overtakes an older one, whose answer is then dropped.
 */
import { formatDiagnostic, renderMessage } from '../../engine';
import { WorkerFailure } from '../analysis/client';
import type { Diagnostic } from '../../engine';
import type { EngineClient } from '../analysis/client';
import { fixedT } from '../i18n';
import { chainKey } from '../analysis/protocol';
import type { LoadResult, TraceRequest } from '../analysis/protocol';
import { shownHops, snapToShown } from './detailLevels';
import { clampStep } from './playbackSlice';
import type { AnalysisSlice, HopscopeState, LegName, SliceCreator } from './types';
import { specError } from './workspaceSlice';

const NO_TRACE: Pick<HopscopeState, 'trace' | 'hops' | 'hopLegs' | 'shown'> = { trace: null, hops: [], hopLegs: [], shown: [] };

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

function errorText(e: unknown, lang: HopscopeState['lang']): string {
  if (e instanceof WorkerFailure && !e.message) return fixedT(lang, 'shell')('errors.workerFailed');
  return e instanceof Error ? e.message : String(e);
}

export const createAnalysisSlice =
  (engine: EngineClient): SliceCreator<AnalysisSlice> =>
  (set, get) => {
    let latest = 0;
    // One load per inputs revision, shared by every analyse call that needs it.
    let loading: { rev: number; promise: Promise<LoadResult> } | null = null;

    return {
      parseStatus: 'idle',
      progress: null,
      parsedRev: 0,
      reports: [],
      catalog: null,
      topology: null,
      ...NO_TRACE,
      diagnostics: [],
      packetError: null,
      analysisError: null,
      chains: {},
      analyze: async () => {
        const request = ++latest;
        const { workspace, inputsRev, sourceDiagnostics } = get();
        if (workspace.inputs.length === 0) {
          loading = null;
          set({ ...NO_TRACE, parseStatus: 'idle', progress: null, parsedRev: inputsRev, reports: [], catalog: null, topology: null, diagnostics: [...sourceDiagnostics], analysisError: null, chains: {}, playing: false });
          return;
        }
        if (get().parsedRev !== inputsRev || get().parseStatus !== 'ready') {
          if (loading?.rev !== inputsRev) {
            set({ parseStatus: 'parsing', progress: { done: 0, total: workspace.inputs.length + 1, label: 'Starting' } });
            const rev = inputsRev;
            const promise = engine.load(
              workspace.inputs,
              (progress) => {
                if (loading?.rev === rev) set({ progress });
              },
              // A large dump's per-rule checks arrive after the first trace: they complete the list.
              (checked) => {
                if (get().parsedRev === rev) set({ reports: checked.files, diagnostics: dedupe([...get().sourceDiagnostics, ...checked.diagnostics]) });
              },
            );
            loading = { rev, promise };
          }
          let result: LoadResult;
          try {
            result = await loading.promise;
          } catch (e) {
            if (request === latest) set({ ...NO_TRACE, parseStatus: 'error', progress: null, analysisError: fixedT(get().lang, 'shell')('errors.dumpsUnreadable', { detail: errorText(e, get().lang) }) });
            return;
          }
          if (request !== latest) return;
          set({
            parseStatus: 'ready',
            progress: null,
            parsedRev: inputsRev,
            reports: result.files,
            catalog: result.catalog,
            topology: result.topology,
            diagnostics: dedupe([...get().sourceDiagnostics, ...result.diagnostics]),
            chains: {},
          });
        }

        const { packet, choices, settings } = get().workspace;
        const packetError = specError(packet.spec);
        if (!packet.from.trim() || !packet.spec.trim() || packetError) {
          set({ ...NO_TRACE, packetError, analysisError: null, playing: false, step: 0 });
          return;
        }
        const traceRequest: TraceRequest = {
          from: packet.from.trim(),
          in: packet.in,
          spec: packet.spec,
          choices,
          settings: { bridgeNfCallIptables: settings.bridgeNfCallIptables },
          later: settings.later,
        };
        let result;
        try {
          result = await engine.trace(traceRequest);
        } catch (e) {
          if (request === latest) set({ ...NO_TRACE, analysisError: fixedT(get().lang, 'shell')('errors.engineFailed', { detail: errorText(e, get().lang) }) });
          return;
        }
        if (request !== latest) return;
        if (!result.ok) {
          const first = result.diagnostics[0];
          const shell = fixedT(get().lang, 'shell');
          const why = result.noModel ? shell('errors.noDumpsRead') : first ? renderMessage(first.text, get().lang) : shell('errors.packetUnreadable');
          set({ ...NO_TRACE, packetError: first ?? null, analysisError: why, playing: false });
          return;
        }
        const { trace } = result;
        const hops = trace.legs.flatMap((l) => l.hops);
        const legOf = new Map<string, LegName>();
        for (const leg of trace.legs) for (const hop of leg.hops) legOf.set(hop.id, leg.leg);
        const hopLegs = hops.map((h) => legOf.get(h.id) ?? 'request');
        const shown = shownHops(hops, hopLegs, get().detail);
        const noHops = hops.length === 0;
        set({
          trace,
          hops,
          hopLegs,
          shown,
          packetError: null,
          analysisError: null,
          step: noHops ? 0 : snapToShown(shown, clampStep(get().step, hops.length - 1)),
        });
      },
      loadChain: async (query) => {
        const key = chainKey(query);
        if (key in get().chains) return;
        set({ chains: { ...get().chains, [key]: 'loading' } });
        let listing = null;
        try {
          listing = await engine.chain(query);
        } catch {
          // Said as "missing": the view then lists only the rules the trace evaluated.
        }
        set({ chains: { ...get().chains, [key]: listing ?? 'missing' } });
      },
    };
  };
