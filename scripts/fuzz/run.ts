/**
 * `npm run fuzz`: every parser for 100,000 cases (mutated real dumps and hostile text), and the
 * whole pipeline on mutated scenarios; prints cases, crashes, hangs and time per target, saves
 * failing inputs, and exits 1 when anything crashed or hung.
 *
 *   npm run fuzz -- [--cases N] [--pipeline-cases N] [--seed S] [--only a,b] [--seeds DIR] [--hang-seconds S]
 *
 * Each target runs in a worker thread; a case that runs longer than --hang-seconds (default 300)
 * ends the worker and counts as a hang (replay it with the same --seed and --only). The limit is wall time, so on a loaded machine give it room.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FuzzStats } from '../../src/engine/testing/fuzz/run';
import { fuzzTargets } from '../../src/engine/testing/fuzz/targets';
import type { WorkerJob } from './worker';

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const cases = Number(option('cases') ?? 100_000);
const pipelineCases = Number(option('pipeline-cases') ?? 2_000);
const seed = Number(option('seed') ?? 20261123);
const hangMs = Number(option('hang-seconds') ?? 300) * 1000;
const seedsDir = option('seeds') ?? process.env.HOPSCOPE_FUZZ_SEEDS;
const only = option('only')?.split(',');
const outDir = join(tmpdir(), 'hopscope-fuzz');

interface Row extends FuzzStats { hangs: number }

function runTarget(target: string, n: number): Promise<Row> {
  return new Promise((resolve) => {
    const job: WorkerJob = { target, cases: n, seed, ...(seedsDir ? { seedsDir } : {}) };
    const worker = new Worker(new URL('./worker-entry.mjs', import.meta.url), { workerData: job });
    let done = 0;
    let last = Date.now();
    const started = Date.now();
    const watchdog = setInterval(() => {
      if (Date.now() - last < hangMs) return;
      clearInterval(watchdog);
      void worker.terminate();
      resolve({
        target, cases: done, crashes: 0, hangs: 1, slow: 0, slowestMs: Date.now() - last, slowestInput: `(hung after case ${done}; replay: --only ${target} --seed ${seed})`,
        totalMs: Date.now() - started, chars: 0, failures: [],
      });
    }, 1000);
    worker.on('message', (m: { kind: 'beat'; done: number } | { kind: 'done'; stats: FuzzStats }) => {
      last = Date.now();
      if (m.kind === 'beat') {
        done = m.done;
        return;
      }
      clearInterval(watchdog);
      resolve({ ...m.stats, hangs: 0 });
    });
    worker.on('error', (e) => {
      clearInterval(watchdog);
      resolve({ target, cases: done, crashes: 1, hangs: 0, slow: 0, slowestMs: 0, slowestInput: '', totalMs: Date.now() - started, chars: 0, failures: [{ input: '', problems: [`worker died: ${e.message}`] }] });
    });
  });
}

function saveFailures(row: Row): string[] {
  const paths: string[] = [];
  mkdirSync(outDir, { recursive: true });
  row.failures.forEach((f, i) => {
    const path = join(outDir, `${row.target}-${i + 1}.txt`);
    writeFileSync(path, f.input);
    writeFileSync(`${path}.problems`, f.problems.join('\n'));
    paths.push(path);
  });
  return paths;
}

const names = [...fuzzTargets().map((t) => t.name), 'pipeline'].filter((n) => !only || only.includes(n));
console.log(`Fuzzing ${names.length} targets, ${cases} cases each (pipeline: ${pipelineCases}), seed ${seed}${seedsDir ? `, extra seeds from ${seedsDir}` : ''}`);
const rows: Row[] = [];
for (const name of names) {
  const row = await runTarget(name, name === 'pipeline' ? pipelineCases : cases);
  rows.push(row);
  const saved = saveFailures(row);
  console.log(
    `${row.target.padEnd(15)} ${String(row.cases).padStart(7)} cases  ${String(row.crashes).padStart(3)} crashes  ${String(row.hangs).padStart(2)} hangs  `
    + `${String(row.slow).padStart(3)} slow  slowest ${row.slowestMs.toFixed(0).padStart(5)} ms  ${(row.totalMs / 1000).toFixed(1).padStart(6)} s  ${(row.chars / 1e6).toFixed(0).padStart(4)} MB`,
  );
  for (const p of saved) console.log(`    failing input saved: ${p}`);
}
const total = rows.reduce((a, r) => ({ cases: a.cases + r.cases, crashes: a.crashes + r.crashes, hangs: a.hangs + r.hangs, ms: a.ms + r.totalMs }), { cases: 0, crashes: 0, hangs: 0, ms: 0 });
console.log(`Total: ${total.cases} cases, ${total.crashes} crashes, ${total.hangs} hangs, ${(total.ms / 1000).toFixed(0)} s`);
process.exitCode = total.crashes + total.hangs > 0 ? 1 : 0;
