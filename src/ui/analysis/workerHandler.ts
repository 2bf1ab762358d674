/**
 * What the analysis worker does with each message, apart from the worker itself so that tests
 * run the very same code behind a stand-in `postMessage`. Messages are handled one at a time,
 * in order: a trace asked for while files are still being read waits for the model they make.
 * A load builds what the first trace needs and answers; the per-rule checks of a large dump
 * run after that trace (or after CHECK_DELAY_MS without one) and come as a `checked` message.
 * They run in slices of CHECK_SLICE_MS, each queued behind the messages that came meanwhile,
 * so a trace asked for while a 400,000-rule dump is being checked waits for one slice, not for
 * every rule.
 */
import { createAnalyzer } from './analyzer';
import type { FromWorker, ToWorker, WireInput } from './protocol';

const decoder = new TextDecoder('utf-8');

/** How long the checks wait for the trace the page usually asks for right after a load. */
const CHECK_DELAY_MS = 250;

/** How long one slice of the checks may keep the worker from its messages. */
const CHECK_SLICE_MS = 25;

/** A wire input's text: a transferred buffer decoded, or a dropped file read and decoded here. */
async function decode(content: WireInput['content']): Promise<string> {
  return decoder.decode(content instanceof ArrayBuffer ? content : await content.arrayBuffer());
}

export function createWorkerHandler(post: (m: FromWorker) => void): (m: ToWorker) => Promise<void> {
  const analyzer = createAnalyzer();
  // The load whose deferred checks are still to run, the timer that starts them without a
  // trace, and whether they have started.
  let unchecked: { id: number; timer: ReturnType<typeof setTimeout>; started: boolean } | null = null;
  const checkSlice = (id: number) => {
    if (unchecked?.id !== id) return; // a newer load replaced the model
    const result = analyzer.check(CHECK_SLICE_MS);
    if (result === 'more') {
      // A macrotask: messages that arrived during this slice are queued before the next one.
      setTimeout(() => void enqueue(async () => checkSlice(id)), 0);
      return;
    }
    unchecked = null;
    if (result) post({ type: 'checked', id, result });
  };
  const startChecks = () => {
    if (!unchecked || unchecked.started) return;
    clearTimeout(unchecked.timer);
    unchecked.started = true;
    checkSlice(unchecked.id);
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
        if (result.checksPending) unchecked = { id: m.id, timer: setTimeout(() => void enqueue(async () => startChecks()), CHECK_DELAY_MS), started: false };
      } else if (m.type === 'trace') {
        post({ type: 'traced', id: m.id, result: analyzer.trace(m.request) });
        startChecks();
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
