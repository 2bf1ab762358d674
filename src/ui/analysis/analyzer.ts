/**
 * The engine work behind the page, as plain functions over a model kept in a closure: the
 * analysis worker runs it, and tests (or a browser without workers) run it in-process.
 */
import { buildModel, buildTopology, deferredCheckSteps, detectFormat, loadScenario, modelCatalog, parsePacketSpec, redactInputs, simulate } from '../../engine';
import type { Diagnostic, InputFile, Model } from '../../engine';
import type { ChainListing, ChainQuery, CheckResult, InputReport, LoadResult, Progress, RedactRequest, RedactResult, ScenarioResult, TraceRequest, TraceResult } from './protocol';
import { chainKey } from './protocol';

export interface TextInput {
  name: string;
  text: string;
  node?: string;
  netns?: string;
  format?: InputFile['format'];
}

function countLines(text: string): number {
  if (!text) return 0;
  let n = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return text.endsWith('\n') ? n - 1 : n;
}

export interface Analyzer {
  load(inputs: TextInput[], onProgress?: (p: Progress) => void, options?: LoadOptions): LoadResult;
  trace(request: TraceRequest): TraceResult;
  chain(query: ChainQuery): ChainListing | null;
  scenario(id: string, files: Record<string, string>): ScenarioResult;
  redact(request: RedactRequest): RedactResult;
  /**
   * The rule checks a `load(…, { deferChecks: true })` left for later (every rule of a large
   * iptables-save parsed and checked), run for about `budgetMs` (all of them without it):
   * 'more' when some are still left; when they are done, the model's whole diagnostics and
   * the files' counts with them; null when none were left.
   */
  check(budgetMs?: number): CheckResult | 'more' | null;
}

export interface LoadOptions {
  /** Build the model for the first trace and leave the per-rule checks to `check()`. */
  deferChecks?: boolean;
}

type Report = Omit<InputReport, 'errors' | 'warnings'>;

function counted(reports: Report[], diagnostics: Diagnostic[]): InputReport[] {
  const errors = new Map<string, number>();
  const warnings = new Map<string, number>();
  for (const d of diagnostics) {
    const counts = d.severity === 'error' ? errors : d.severity === 'warning' ? warnings : null;
    counts?.set(d.file, (counts.get(d.file) ?? 0) + 1);
  }
  return reports.map((r) => ({ ...r, errors: errors.get(r.name) ?? 0, warnings: warnings.get(r.name) ?? 0 }));
}

export function createAnalyzer(): Analyzer {
  let model: Model | null = null;
  let reports: Report[] = [];
  // The deferred checks under way, between two `check(budgetMs)` calls.
  let checking: Generator<void, unknown> | null = null;
  return {
    load(inputs, onProgress, options = {}) {
      const total = inputs.length + 1;
      reports = inputs.map((input, i) => {
        onProgress?.({ done: i, total, label: `Reading ${input.name}`, file: input.name });
        const detected = detectFormat(input.text);
        return {
          name: input.name,
          format: input.format && input.format !== 'unknown' ? input.format : detected.format,
          detected,
          bytes: input.text.length,
          lines: countLines(input.text),
        };
      });
      onProgress?.({ done: inputs.length, total, label: 'Building the model' });
      const files: InputFile[] = inputs.map((i) => {
        const f: InputFile = { name: i.name, text: i.text };
        if (i.node) f.node = i.node;
        if (i.netns) f.netns = i.netns;
        if (i.format && i.format !== 'unknown') f.format = i.format;
        return f;
      });
      checking = null;
      model = buildModel(files, { deferChecks: options.deferChecks === true });
      const diagnostics = model.diagnostics;
      onProgress?.({ done: total, total, label: 'Done' });
      return {
        files: counted(reports, diagnostics),
        diagnostics,
        checksPending: (model.deferredChecks?.length ?? 0) > 0,
        catalog: modelCatalog(model),
        topology: buildTopology(model),
      };
    },
    check(budgetMs = Infinity) {
      if (!model) return null;
      if (!checking) {
        if (!model.deferredChecks?.length) return null;
        checking = deferredCheckSteps(model);
      }
      const until = performance.now() + budgetMs;
      for (let s = checking.next(); ; s = checking.next()) {
        if (s.done) break;
        if (performance.now() >= until) return 'more';
      }
      checking = null;
      return { files: counted(reports, model.diagnostics), diagnostics: model.diagnostics };
    },
    trace(request) {
      if (!model) return { ok: false, diagnostics: [], message: 'No dumps have been read yet.', noModel: true };
      const spec = parsePacketSpec(request.spec);
      if (!spec.value) return { ok: false, diagnostics: spec.diagnostics, message: spec.diagnostics[0]?.message ?? 'The packet could not be read.' };
      const trace = simulate(model, {
        from: request.from,
        packet: spec.value,
        choices: request.choices,
        settings: request.settings,
        later: request.later,
        ...(request.in ? { in: request.in } : {}),
      });
      return { ok: true, trace };
    },
    scenario(id, files) {
      return loadScenario(id, files);
    },
    redact({ inputs, texts, key }) {
      const r = redactInputs(inputs, key);
      return { inputs: r.inputs, texts: texts.map((t) => r.text(t)), counts: r.counts };
    },
    chain(query) {
      const ns = model?.netns.get(query.netns as never);
      const table = ns?.iptables?.tables.get(query.table as never);
      const chain = table?.chains.get(query.chain);
      if (!chain) return null;
      return {
        key: chainKey(query),
        policy: chain.policy,
        rules: chain.rules.map((r) => ({
          id: r.id,
          position: r.position,
          text: r.text,
          target: r.target?.name ?? null,
          line: r.span.line,
          file: r.span.file,
        })),
      };
    },
  };
}
