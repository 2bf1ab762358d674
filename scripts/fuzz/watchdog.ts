/**
 * Runs one fuzz worker under a watchdog. The hang clock starts only when the worker says
 * `ready` (its modules loaded, its seeds read): start-up on a loaded machine is slow but is no
 * hang of a parser. A worker that never gets ready within `startMs` is reported as not started,
 * apart from hangs; one that goes `hangMs` without a heartbeat once running is a hang.
 */
import { Worker } from 'node:worker_threads';
import type { FuzzStats } from '../../src/engine/testing/fuzz/run';

export interface Row extends FuzzStats {
  hangs: number;
  /** 1 when the worker never said `ready` (or died before): no parser ran, so no hang either. */
  notStarted: number;
}

export type WorkerMessage = { kind: 'ready' } | { kind: 'beat'; done: number } | { kind: 'done'; stats: FuzzStats };

export interface WatchOptions {
  target: string;
  workerUrl: URL;
  workerData: unknown;
  hangMs: number;
  startMs: number;
  /** How often the watchdog looks. Default 1000 ms. */
  tickMs?: number;
}

export function watchWorker(o: WatchOptions): Promise<Row> {
  return new Promise((resolve) => {
    const worker = new Worker(o.workerUrl, { workerData: o.workerData });
    const started = Date.now();
    let ready = false;
    let done = 0;
    let last = started;
    let settled = false;
    const empty = (): Row => ({
      target: o.target, cases: done, crashes: 0, hangs: 0, notStarted: 0, slow: 0, slowestMs: 0, slowestInput: '',
      totalMs: Date.now() - started, chars: 0, failures: [],
    });
    const finish = (row: Row) => {
      if (settled) return;
      settled = true;
      clearInterval(watchdog);
      void worker.terminate();
      resolve(row);
    };
    const watchdog = setInterval(() => {
      const now = Date.now();
      if (!ready && now - started >= o.startMs) {
        finish({ ...empty(), notStarted: 1, failures: [{ input: '', problems: [`worker not ready after ${now - started} ms`] }] });
      } else if (ready && now - last >= o.hangMs) {
        finish({ ...empty(), hangs: 1, slowestMs: now - last, slowestInput: `(hung after case ${done})` });
      }
    }, o.tickMs ?? 1000);
    worker.on('message', (m: WorkerMessage) => {
      last = Date.now();
      if (m.kind === 'ready') ready = true;
      else if (m.kind === 'beat') done = m.done;
      else finish({ ...m.stats, hangs: 0, notStarted: 0 });
    });
    worker.on('error', (e) => {
      finish({ ...empty(), crashes: 1, failures: [{ input: '', problems: [`worker died: ${e.message}`] }] });
    });
    worker.on('exit', (code) => {
      finish({ ...empty(), ...(ready ? { crashes: 1 } : { notStarted: 1 }), failures: [{ input: '', problems: [`worker exited (code ${code}) before it reported`] }] });
    });
  });
}
