/**
 * The analysis worker: parses, builds the model and simulates off the page's thread, so the
 * page stays responsive while a large dump is read. Texts arrive as transferred UTF-8 buffers.
 */
/// <reference lib="webworker" />
import { createAnalyzer } from './analyzer';
import type { FromWorker, ToWorker } from './protocol';

declare const self: DedicatedWorkerGlobalScope;

const analyzer = createAnalyzer();
const decoder = new TextDecoder('utf-8');
const post = (m: FromWorker) => self.postMessage(m);

self.onmessage = (event: MessageEvent<ToWorker>) => {
  const m = event.data;
  try {
    if (m.type === 'load') {
      const inputs = m.inputs.map((w, i) => {
        post({ type: 'progress', id: m.id, progress: { done: i, total: m.inputs.length + 1, label: `Decoding ${w.name}`, file: w.name } });
        const { bytes, ...rest } = w;
        return { ...rest, text: decoder.decode(bytes) };
      });
      const result = analyzer.load(inputs, (progress) => post({ type: 'progress', id: m.id, progress }));
      post({ type: 'loaded', id: m.id, result });
    } else if (m.type === 'trace') {
      post({ type: 'traced', id: m.id, result: analyzer.trace(m.request) });
    } else if (m.type === 'redact') {
      post({ type: 'redacted', id: m.id, result: analyzer.redact(m.request) });
    } else if (m.type === 'scenario') {
      post({ type: 'scenario', id: m.id, result: analyzer.scenario(m.scenarioId, m.files) });
    } else {
      post({ type: 'chain', id: m.id, result: analyzer.chain(m.query) });
    }
  } catch (e) {
    post({ type: 'failed', id: m.id, message: e instanceof Error ? e.message : String(e) });
  }
};
