/**
 * One fuzz target in a worker thread (see `run.ts`): it says `ready` once loaded, then beats
 * every 50 cases; the main thread (`watchdog.ts`) ends it when a case hangs.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import fc from 'fast-check';
import { checkPipeline, pipelineCaseArb } from '../../src/engine/testing/fuzz/pipeline';
import { runFuzzTarget, type FuzzStats } from '../../src/engine/testing/fuzz/run';
import { fuzzTargets } from '../../src/engine/testing/fuzz/targets';
import { scenarioFiles, scenarioIds } from '../../src/engine/testing/scenario-files';

export interface WorkerJob {
  target: string;
  cases: number;
  seed: number;
  seedsDir?: string;
}

const job = workerData as WorkerJob;
const beat = (done: number) => {
  if (done % 50 === 0) parentPort!.postMessage({ kind: 'beat', done });
};

function extraSeeds(dir: string | undefined): string[] {
  if (!dir) return [];
  return readdirSync(dir).map((f) => join(dir, f)).filter((f) => statSync(f).isFile()).map((f) => readFileSync(f, 'utf8'));
}

function runPipeline(): FuzzStats {
  const scenarios = scenarioIds().map((id) => ({ id, files: scenarioFiles(id) }));
  const stats: FuzzStats = { target: 'pipeline', cases: 0, crashes: 0, slow: 0, slowestMs: 0, slowestInput: '', totalMs: 0, chars: 0, failures: [] };
  const started = performance.now();
  fc.assert(fc.property(fc.nat(), pipelineCaseArb, (pick, c) => {
    const { id, files } = scenarios[pick % scenarios.length]!;
    const t0 = performance.now();
    const problems = checkPipeline(id, files, c);
    const ms = performance.now() - t0;
    stats.cases++;
    if (ms > stats.slowestMs) {
      stats.slowestMs = ms;
      stats.slowestInput = `${id}: ${JSON.stringify(c)}`;
    }
    if (ms > 5000) stats.slow++;
    if (problems.length > 0) {
      stats.crashes++;
      if (stats.failures.length < 5) stats.failures.push({ input: `${id}: ${JSON.stringify(c)}`, problems });
    }
    beat(stats.cases);
    return true;
  }), { numRuns: job.cases, seed: job.seed });
  stats.totalMs = performance.now() - started;
  return stats;
}

let stats: FuzzStats;
if (job.target === 'pipeline') {
  parentPort!.postMessage({ kind: 'ready' });
  stats = runPipeline();
} else {
  const target = fuzzTargets(extraSeeds(job.seedsDir)).find((t) => t.name === job.target)!;
  // Loaded and seeded: from here on, the watchdog's hang clock runs.
  parentPort!.postMessage({ kind: 'ready' });
  stats = runFuzzTarget(target, { cases: job.cases, seed: job.seed, onCase: beat });
}
parentPort!.postMessage({ kind: 'done', stats });
