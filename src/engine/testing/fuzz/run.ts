/**
 * Runs one fuzz target for a number of cases with a fixed seed and counts what went wrong:
 * crashes (a throw or a broken property) and slow cases (one parse over `slowMs`). Failing inputs
 * are kept (the first few), so they can be saved and replayed. Test-only.
 */
import fc from 'fast-check';
import { checkParse } from './check';
import { fuzzInput } from './mutations';
import type { FuzzTarget } from './targets';

export interface FuzzFailure {
  input: string;
  problems: string[];
}

export interface FuzzStats {
  target: string;
  cases: number;
  crashes: number;
  /** Cases whose parse took longer than `slowMs`. */
  slow: number;
  slowestMs: number;
  slowestInput: string;
  totalMs: number;
  /** Characters parsed in all. */
  chars: number;
  failures: FuzzFailure[];
}

export interface FuzzOptions {
  cases: number;
  seed: number;
  /** A parse slower than this counts as a hang-like case. Default 2000 ms. */
  slowMs?: number;
  /** How many failing inputs to keep. Default 5. */
  keep?: number;
  /** Called after every case (a watchdog's heartbeat). */
  onCase?: (done: number) => void;
}

export function runFuzzTarget(target: FuzzTarget, options: FuzzOptions): FuzzStats {
  const slowMs = options.slowMs ?? 2000;
  const keep = options.keep ?? 5;
  const stats: FuzzStats = { target: target.name, cases: 0, crashes: 0, slow: 0, slowestMs: 0, slowestInput: '', totalMs: 0, chars: 0, failures: [] };
  const started = performance.now();
  fc.assert(
    fc.property(fuzzInput(target.seeds, target.tokens), (text) => {
      const t0 = performance.now();
      const { problems } = checkParse(target.parse, text);
      const ms = performance.now() - t0;
      stats.cases++;
      stats.chars += text.length;
      if (ms > stats.slowestMs) {
        stats.slowestMs = ms;
        stats.slowestInput = text;
      }
      if (ms > slowMs) stats.slow++;
      if (problems.length > 0) {
        stats.crashes++;
        if (stats.failures.length < keep) stats.failures.push({ input: text, problems });
      }
      options.onCase?.(stats.cases);
      // Always true: every case runs and is counted; failures are collected, not shrunk.
      return true;
    }),
    { numRuns: options.cases, seed: options.seed },
  );
  stats.totalMs = performance.now() - started;
  return stats;
}
