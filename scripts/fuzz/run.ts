/**
 * `npm run fuzz`: every parser for 100,000 cases (mutated real dumps and hostile text), and the
 * whole pipeline on mutated scenarios; prints cases, crashes, hangs and time per target, saves
 * failing inputs, and exits 1 when anything crashed or hung.
 *
 *   npm run fuzz -- [--cases N] [--pipeline-cases N] [--seed S] [--only a,b] [--seeds DIR] [--hang-seconds S]
 *
 * Each target runs in a worker thread (`watchdog.ts`). The hang clock starts when the worker says
 * it is ready; a case that then runs longer than --hang-seconds (default 300) ends the worker and
 * counts as a hang (replay it with the same --seed and --only). A worker not ready within
 * --start-seconds (default 600) is reported as "not started", never as a hang.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fuzzTargets } from '../../src/engine/testing/fuzz/targets';
import { watchWorker, type Row } from './watchdog';
import type { WorkerJob } from './worker';

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const cases = Number(option('cases') ?? 100_000);
const pipelineCases = Number(option('pipeline-cases') ?? 2_000);
const seed = Number(option('seed') ?? 20261123);
const hangMs = Number(option('hang-seconds') ?? 300) * 1000;
const startMs = Number(option('start-seconds') ?? 600) * 1000;
const seedsDir = option('seeds') ?? process.env.HOPSCOPE_FUZZ_SEEDS;
const only = option('only')?.split(',');
const outDir = join(tmpdir(), 'hopscope-fuzz');

function runTarget(target: string, n: number): Promise<Row> {
  const job: WorkerJob = { target, cases: n, seed, ...(seedsDir ? { seedsDir } : {}) };
  return watchWorker({ target, workerUrl: new URL('./worker-entry.mjs', import.meta.url), workerData: job, hangMs, startMs });
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
    + `${row.notStarted ? 'NOT STARTED  ' : ''}${String(row.slow).padStart(3)} slow  slowest ${row.slowestMs.toFixed(0).padStart(5)} ms  ${(row.totalMs / 1000).toFixed(1).padStart(6)} s  ${(row.chars / 1e6).toFixed(0).padStart(4)} MB`,
  );
  for (const p of saved) console.log(`    failing input saved: ${p}`);
  if (row.hangs) console.log(`    ${row.slowestInput}; replay: --only ${row.target} --seed ${seed}`);
  for (const f of row.failures) if (!f.input) console.log(`    ${f.problems.join('; ')}`);
}
const total = rows.reduce(
  (a, r) => ({ cases: a.cases + r.cases, crashes: a.crashes + r.crashes, hangs: a.hangs + r.hangs, notStarted: a.notStarted + r.notStarted, ms: a.ms + r.totalMs }),
  { cases: 0, crashes: 0, hangs: 0, notStarted: 0, ms: 0 },
);
console.log(`Total: ${total.cases} cases, ${total.crashes} crashes, ${total.hangs} hangs, ${total.notStarted} not started, ${(total.ms / 1000).toFixed(0)} s`);
process.exitCode = total.crashes + total.hangs + total.notStarted > 0 ? 1 : 0;
