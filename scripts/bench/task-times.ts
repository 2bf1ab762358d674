/**
 * Main-thread tasks and thread CPU from a Chromium trace (`browser.startTracing` with the
 * 'toplevel' category). The Long Tasks API gives wall-clock durations, which on a shared
 * 2-core machine are mostly time spent waiting for a core; a task's thread time (`tdur`)
 * is what it cost, and is what a quiet machine would show as its length.
 */
interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

export interface TaskTimes {
  /** The longest main-thread task: its wall-clock and its CPU time, in ms. */
  longestWallMs: number;
  longestCpuMs: number;
  /** Main-thread tasks that used more than 50 ms of CPU. */
  over50CpuMs: number;
  /** CPU time per thread kind over the traced span (renderer main thread, dedicated worker). */
  mainCpuMs: number;
  workerCpuMs: number;
}

export function taskTimes(traceJson: string): TaskTimes {
  const events = (JSON.parse(traceJson) as { traceEvents: TraceEvent[] }).traceEvents;
  const threadName = new Map(events.filter((e) => e.name === 'thread_name').map((e) => [`${e.pid}:${e.tid}`, e.args?.name ?? '']));
  const tasks = events.filter((e) => e.ph === 'X' && e.name === 'RunTask');
  const of = (name: string) => tasks.filter((e) => threadName.get(`${e.pid}:${e.tid}`) === name);
  const main = of('CrRendererMain');
  const cpu = (list: TraceEvent[]) => list.reduce((n, e) => n + (e.tdur ?? 0), 0) / 1000;
  const longest = main.reduce<TraceEvent | null>((m, e) => (!m || (e.dur ?? 0) > (m.dur ?? 0) ? e : m), null);
  return {
    longestWallMs: (longest?.dur ?? 0) / 1000,
    longestCpuMs: main.reduce((m, e) => Math.max(m, (e.tdur ?? 0) / 1000), 0),
    over50CpuMs: main.filter((e) => (e.tdur ?? 0) > 50_000).length,
    mainCpuMs: cpu(main),
    workerCpuMs: cpu(of('DedicatedWorker thread')),
  };
}
