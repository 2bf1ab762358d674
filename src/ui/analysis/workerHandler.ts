/**
 * What the analysis worker does with each message, apart from the worker itself so that tests
 * run the very same code behind a stand-in `postMessage`. Messages are handled one at a time,
 * in order: a trace asked for while files are still being read waits for the model they make.
 * A load builds what the first trace needs and answers; the per-rule checks of a large dump
 * run after that trace (or after CHECK_DELAY_MS without one) and come as a `checked` message.
 */
import { createAnalyzer } from './analyzer';
import type { FromWorker, ToWorker, WireInput } from './protocol';

const decoder = new TextDecoder('utf-8');

/** How long the checks wait for the trace the page usually asks for right after a load. */
const CHECK_DELAY_MS = 250;

/** A wire input's text: a transferred buffer decoded, or a dropped file read and decoded here. */
async function decode(content: WireInput['content']): Promise<string> {
  return decoder.decode(content instanceof ArrayBuffer ? content : await content.arrayBuffer());
}

export function createWorkerHandler(post: (m: FromWorker) => void): (m: ToWorker) => Promise<void> {
  const analyzer = createAnalyzer();
  // The load whose deferred checks are still to run, and the timer that runs them without a trace.
  let unchecked: { id: number; timer: ReturnType<typeof setTimeout> } | null = null;
  const runChecks = () => {
    if (!unchecked) return;
    const { id, timer } = unchecked;
    clearTimeout(timer);
    unchecked = null;
    const result = analyzer.check();
    if (result) post({ type: 'checked', id, result });
  };
  async function handle(m: ToWorker): Promise<void> {
    try {
      if (m.type === 'load') {
        const inputs = [];
        for (const [i, { content, ...rest }] of m.inputs.entries()) {
          post({ type: 'progress', id: m.id, progress: { done: i, total: m.inputs.length + 1, label: `Decoding ${rest.name}`, file: rest.name } });
          inputs.push({ ...rest, text: await decode(content) });
        }
        if (unchecked) clearTimeout(unchecked.timer);
        unchecked = null;
        const result = analyzer.load(inputs, (progress) => post({ type: 'progress', id: m.id, progress }), { deferChecks: true });
        post({ type: 'loaded', id: m.id, result });
        if (result.checksPending) unchecked = { id: m.id, timer: setTimeout(() => void enqueue(async () => runChecks()), CHECK_DELAY_MS) };
      } else if (m.type === 'trace') {
        post({ type: 'traced', id: m.id, result: analyzer.trace(m.request) });
        runChecks();
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
  }
  let queue = Promise.resolve();
  const enqueue = (job: () => Promise<void>) => (queue = queue.then(job));
  return (m) => enqueue(() => handle(m));
}
