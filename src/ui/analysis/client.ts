/**
 * How the store talks to the engine: a worker in the browser, the same analyzer in-process in
 * tests (and where workers are unavailable). Both answer with promises of plain data.
 */
import type { Analyzer, TextInput } from './analyzer';
import type { ChainListing, ChainQuery, CheckResult, FromWorker, LoadResult, Progress, RedactRequest, RedactResult, ScenarioResult, ToWorker, TraceRequest, TraceResult, WireInput } from './protocol';

/** What the page hands the engine: a dump's text, or a dropped file it has not read. */
export type EngineInput = Omit<TextInput, 'text'> & { text?: string; file?: Blob };

export interface EngineClient {
  /**
   * Parses the dumps into the model. When the result says `checksPending`, the per-rule checks
   * run after the first trace and `onChecked` receives every diagnostic then.
   */
  load(inputs: EngineInput[], onProgress?: (p: Progress) => void, onChecked?: (r: CheckResult) => void): Promise<LoadResult>;
  trace(request: TraceRequest): Promise<TraceResult>;
  chain(query: ChainQuery): Promise<ChainListing | null>;
  /** Reads a scenario's files (scenario.yaml + dumps) into a scenario. */
  scenario(id: string, files: Record<string, string>): Promise<ScenarioResult>;
  /** Redacts dumps and texts off the page's thread (it needs no loaded model). */
  redact(request: RedactRequest): Promise<RedactResult>;
}

/**
 * The engine on this thread. It is imported when first used, so that the page's first
 * JavaScript does not carry the parsers and the simulator the worker already has.
 */
export function createLocalClient(): EngineClient {
  let analyzer: Promise<Analyzer> | null = null;
  const get = () => (analyzer ??= import('./analyzer').then((m) => m.createAnalyzer()));
  return {
    load: async (inputs, onProgress) => {
      const texts = await Promise.all(inputs.map(withText));
      return (await get()).load(texts, onProgress);
    },
    trace: async (request) => (await get()).trace(request),
    chain: async (query) => (await get()).chain(query),
    scenario: async (id, files) => (await get()).scenario(id, files),
    redact: async (request) => (await get()).redact(request),
  };
}

/** An input with its text, a dropped file read here (the engine on this thread needs the string). */
async function withText({ file, text, ...rest }: EngineInput): Promise<TextInput> {
  return { ...rest, text: text ?? (file ? await file.text() : '') };
}

/** A message without its id (Omit distributed over the union). */
type Unsent = ToWorker extends infer M ? (M extends ToWorker ? Omit<M, 'id'> : never) : never;

interface Pending {
  resolve: (value: never) => void;
  reject: (e: Error) => void;
  onProgress?: (p: Progress) => void;
}

/** The engine in a module worker; inputs go over as transferred buffers, not copied strings. */
export function createWorkerClient(worker: Worker): EngineClient {
  let nextId = 1;
  const pending = new Map<number, Pending>();
  worker.onmessage = (event: MessageEvent<FromWorker>) => {
    const m = event.data;
    if (m.type === 'checked') {
      checked.get(m.id)?.(m.result);
      checked.delete(m.id);
      return;
    }
    const p = pending.get(m.id);
    if (!p) return;
    if (m.type === 'progress') return p.onProgress?.(m.progress);
    pending.delete(m.id);
    if (m.type === 'failed') p.reject(new Error(m.message));
    else p.resolve(m.result as never);
  };
  let broken: Error | null = null;
  worker.onerror = (event) => {
    // No English here: the page words an empty failure in its own language (`errors.workerFailed`).
    broken = new WorkerFailure(event.message || '');
    for (const p of pending.values()) p.reject(broken);
    pending.clear();
  };
  // A load's listener for its deferred checks; only the newest load's can still be called.
  const checked = new Map<number, (r: CheckResult) => void>();
  const send = <T>(message: Unsent, transfer: Transferable[] = [], onProgress?: (p: Progress) => void, onChecked?: (r: CheckResult) => void) =>
    new Promise<T>((resolve, reject) => {
      if (broken) return reject(broken);
      const id = nextId++;
      if (onChecked) {
        checked.clear();
        checked.set(id, onChecked);
      }
      pending.set(id, { resolve: resolve as (v: never) => void, reject, ...(onProgress ? { onProgress } : {}) });
      worker.postMessage({ ...message, id } as ToWorker, transfer);
    });
  const encoder = new TextEncoder();
  return {
    load: (inputs, onProgress, onChecked) => {
      // A dropped file crosses as its handle: the page neither reads nor copies its bytes.
      const wire: WireInput[] = inputs.map(({ text, file, ...rest }) => ({
        ...rest,
        content: text !== undefined ? (encoder.encode(text).buffer as ArrayBuffer) : (file ?? new ArrayBuffer(0)),
      }));
      const buffers = wire.map((w) => w.content).filter((c): c is ArrayBuffer => c instanceof ArrayBuffer);
      return send<LoadResult>({ type: 'load', inputs: wire }, buffers, onProgress, onChecked);
    },
    trace: (request) => send<TraceResult>({ type: 'trace', request }),
    chain: (query) => send<ChainListing | null>({ type: 'chain', query }),
    scenario: (scenarioId, files) => send<ScenarioResult>({ type: 'scenario', scenarioId, files }),
    redact: (request) => send<RedactResult>({ type: 'redact', request }),
  };
}

/** The worker itself failed (it did not start, or it crashed), as opposed to a request it answered with an error. */
export class WorkerFailure extends Error {}

/**
 * Uses `primary` until it fails as a worker; from then on (and for the request that failed)
 * the engine runs on this thread, so a page whose worker cannot start still works.
 */
export function withFallback(primary: EngineClient, fallback: () => EngineClient): EngineClient {
  let current = primary;
  let replaced = false;
  // The fallback has no model until it loads the dumps itself: remember the last load to replay it.
  let lastLoad: Parameters<EngineClient['load']>[0] | null = null;
  const run = async <T>(call: (c: EngineClient) => Promise<T>): Promise<T> => {
    try {
      return await call(current);
    } catch (e) {
      if (!(e instanceof WorkerFailure) || replaced) throw e;
      replaced = true;
      current = fallback();
      if (lastLoad) await current.load(lastLoad);
      return call(current);
    }
  };
  return {
    load: (inputs, onProgress, onChecked) => {
      lastLoad = inputs;
      return run((c) => c.load(inputs, onProgress, onChecked));
    },
    trace: (request) => run((c) => c.trace(request)),
    chain: (query) => run((c) => c.chain(query)),
    scenario: (id, files) => run((c) => c.scenario(id, files)),
    redact: (request) => run((c) => c.redact(request)),
  };
}

/** The browser's client: the worker when it starts, else the engine on this thread. */
export function createBrowserClient(): EngineClient {
  try {
    const worker = new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module', name: 'hopscope-engine' });
    return withFallback(createWorkerClient(worker), createLocalClient);
  } catch {
    return createLocalClient();
  }
}
