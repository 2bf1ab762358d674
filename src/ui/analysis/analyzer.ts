/**
 * The engine work behind the page, as plain functions over a model kept in a closure: the
 * analysis worker runs it, and tests (or a browser without workers) run it in-process.
 */
import { buildModel, buildTopology, detectFormat, loadScenario, modelCatalog, parsePacketSpec, redactInputs, simulate } from '../../engine';
import type { InputFile, Model } from '../../engine';
import type { ChainListing, ChainQuery, InputReport, LoadResult, Progress, RedactRequest, RedactResult, ScenarioResult, TraceRequest, TraceResult } from './protocol';
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
  load(inputs: TextInput[], onProgress?: (p: Progress) => void): LoadResult;
  trace(request: TraceRequest): TraceResult;
  chain(query: ChainQuery): ChainListing | null;
  scenario(id: string, files: Record<string, string>): ScenarioResult;
  redact(request: RedactRequest): RedactResult;
}

export function createAnalyzer(): Analyzer {
  let model: Model | null = null;
  return {
    load(inputs, onProgress) {
      const total = inputs.length + 1;
      const reports: Omit<InputReport, 'errors' | 'warnings'>[] = inputs.map((input, i) => {
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
      model = buildModel(files);
      const diagnostics = model.diagnostics;
      onProgress?.({ done: total, total, label: 'Done' });
      return {
        files: reports.map((r) => ({
          ...r,
          errors: diagnostics.filter((d) => d.file === r.name && d.severity === 'error').length,
          warnings: diagnostics.filter((d) => d.file === r.name && d.severity === 'warning').length,
        })),
        diagnostics,
        catalog: modelCatalog(model),
        topology: buildTopology(model),
      };
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
