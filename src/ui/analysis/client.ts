/**
 * How the store talks to the engine: a worker in the browser, the same analyzer in-process in
 * tests (and where workers are unavailable). Both answer with promises of plain data.
 */
import { createAnalyzer } from './analyzer';
import type { TextInput } from './analyzer';
import type { ChainListing, ChainQuery, FromWorker, LoadResult, Progress, ToWorker, TraceRequest, TraceResult, WireInput } from './protocol';

export interface EngineClient {
  load(inputs: TextInput[], onProgress?: (p: Progress) => void): Promise<LoadResult>;
  trace(request: TraceRequest): Promise<TraceResult>;
  chain(query: ChainQuery): Promise<ChainListing | null>;
}

export function createLocalClient(): EngineClient {
  const analyzer = createAnalyzer();
  return {
    load: async (inputs, onProgress) => analyzer.load(inputs, onProgress),
    trace: async (request) => analyzer.trace(request),
    chain: async (query) => analyzer.chain(query),
  };
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
    const p = pending.get(m.id);
    if (!p) return;
    if (m.type === 'progress') return p.onProgress?.(m.progress);
    pending.delete(m.id);
    if (m.type === 'failed') p.reject(new Error(m.message));
    else p.resolve(m.result as never);
  };
  worker.onerror = (event) => {
    const error = new Error(event.message || 'The analysis worker failed to start.');
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  };
  const send = <T>(message: Unsent, transfer: Transferable[] = [], onProgress?: (p: Progress) => void) =>
    new Promise<T>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve: resolve as (v: never) => void, reject, ...(onProgress ? { onProgress } : {}) });
      worker.postMessage({ ...message, id } as ToWorker, transfer);
    });
  const encoder = new TextEncoder();
  return {
    load: (inputs, onProgress) => {
      const wire: WireInput[] = inputs.map(({ text, ...rest }) => ({ ...rest, bytes: encoder.encode(text).buffer as ArrayBuffer }));
      return send<LoadResult>({ type: 'load', inputs: wire }, wire.map((w) => w.bytes), onProgress);
    },
    trace: (request) => send<TraceResult>({ type: 'trace', request }),
    chain: (query) => send<ChainListing | null>({ type: 'chain', query }),
  };
}

/** The browser's client: the worker when it starts, else the engine on this thread. */
export function createBrowserClient(): EngineClient {
  try {
    return createWorkerClient(new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module', name: 'hopscope-engine' }));
  } catch {
    return createLocalClient();
  }
}
