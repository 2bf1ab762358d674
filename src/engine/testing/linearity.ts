/**
 * Test helper: checks that a parser's cost grows linearly with its input, without asserting any
 * wall-clock time. Tests run on loaded CI machines, where an absolute threshold ("parses in
 * < 3 s") either flakes or is so loose that it catches nothing. The ratio between the time for an
 * input of size n and one of size 8n is measured on the same machine in interleaved samples, so
 * load cancels out, and it tells linear (~8) from quadratic (~64) apart. Benchmarks, not tests,
 * measure how fast a parser is.
 *
 * Imported by `*.test.ts` files only (it uses Vitest's `expect`).
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { expect } from 'vitest';

export interface LinearityOptions<T> {
  /**
   * Size of the small input, passed to `make`. Choose it so that one parse of it takes about a
   * millisecond: a call costs about a hundred of them (more on a loaded machine). Default 1000.
   */
  n?: number;
  /** The large input is `make(n * factor)`. Default 8. */
  factor?: number;
  /**
   * Largest accepted ratio t(factor·n) / t(n). Default `factor * 3` (24 for 8×): far above the ~8
   * of a linear parser on a busy machine, far below the ~64 of a quadratic one. Pass a smaller
   * bound (e.g. 3) to assert that the cost does not grow with the input at all.
   */
  maxRatio?: number;
  /** Timed samples per size; the fastest is kept. Default 5. */
  runs?: number;
  /** A sample of the large input repeats the parse until it lasts at least this long, so tiny times are not noise. Default 2 ms. */
  minSampleMs?: number;
  /**
   * Measurements before giving up: a ratio above `maxRatio` is measured again, and the smallest
   * ratio counts. A quadratic parser fails every attempt; a burst of load rarely spoils three. Default 3.
   */
  attempts?: number;
  /** Correctness assertions, run once on the result for each size (outside the timed samples). */
  check?: (value: T, size: number, text: string) => void;
}

export interface LinearityResult {
  label: string;
  /** Sizes passed to `make`: [n, n * factor]. */
  sizes: [number, number];
  /** Lengths of the two inputs, in UTF-16 units. */
  chars: [number, number];
  /** Time of one parse, per size, in ms (from the fastest sample). */
  ms: [number, number];
  /** Parses per timed sample, per size: the small input is parsed `factor` times as often. */
  reps: [number, number];
  /** ms[1] / ms[0]. */
  ratio: number;
}

type Gc = (options: { type: 'minor' }) => void;

/**
 * V8's collector, to empty the young generation before each sample (a scavenge, about a
 * millisecond): a sample then starts from the same heap state whatever ran before it, and one that
 * allocates less than the young generation holds is not interrupted by a collection at all.
 * Undefined where it cannot be had; the samples are then only noisier.
 */
const gc: Gc | undefined = (() => {
  const own = (globalThis as { gc?: Gc }).gc;
  if (typeof own === 'function') return own;
  try {
    setFlagsFromString('--expose-gc');
    const fn = runInNewContext('gc') as unknown;
    return typeof fn === 'function' ? (fn as Gc) : undefined;
  } catch {
    return undefined;
  }
})();

/**
 * Time of one parse of `text`: the mean over `reps` back-to-back parses. All results are kept
 * until the sample ends, like one big result would be (see `measureLinearity`).
 */
function sample(text: string, parse: (text: string) => unknown, reps: number): number {
  gc?.({ type: 'minor' });
  const kept: unknown[] = new Array<unknown>(reps);
  const start = performance.now();
  for (let i = 0; i < reps; i++) kept[i] = parse(text);
  return (performance.now() - start) / reps;
}

/** Measures t(n) and t(factor·n) without asserting anything. */
export function measureLinearity<T>(
  label: string,
  make: (n: number) => string,
  parse: (text: string) => T,
  opts: LinearityOptions<T> = {},
): LinearityResult {
  const { n = 1000, factor = 8, runs = 5, minSampleMs = 2 } = opts;
  const sizes: [number, number] = [n, n * factor];
  const texts = sizes.map((size) => make(size)) as [string, string];
  // Warm-up, which lets the JIT optimise the parser and flattens the rope strings `make` may
  // build; its results are what `check` looks at.
  for (let i = 0; i < 2; i++) {
    const value = parse(texts[i]!);
    opts.check?.(value, sizes[i]!, texts[i]!);
  }
  // Each sample parses the large input `reps` times (enough to last minSampleMs) and the small
  // one `factor` times as often, keeping every result until the sample ends. So both samples read
  // as many characters and allocate and retain as much memory: the garbage collector's cost per
  // object, which jumps once results outlive the young generation, weighs on both alike, and the
  // ratio measures the parser, not the heap.
  const large = Math.min(1000, Math.max(1, Math.ceil(minSampleMs / Math.max(sample(texts[1], parse, 1), 1e-3))));
  const reps: [number, number] = [large * factor, large];

  // Interleaved samples: a burst of load on the machine hits both sizes alike.
  const times: [number[], number[]] = [[], []];
  for (let r = 0; r < runs; r++) for (let i = 0; i < 2; i++) times[i]!.push(sample(texts[i]!, parse, reps[i]!));

  // The fastest sample: load on the machine only ever adds time, so the minimum is the estimate
  // least disturbed by it (on a loaded 2-core machine, medians of 5 still swing by 3×).
  const ms: [number, number] = [Math.min(...times[0]), Math.min(...times[1])];
  return { label, sizes, chars: [texts[0].length, texts[1].length], ms, reps, ratio: ms[1] / Math.max(ms[0], 1e-6) };
}

/**
 * Asserts that `parse` costs about `factor` times more on `make(n * factor)` than on `make(n)`:
 * the ratio of the times stays below `maxRatio` (in the best of `attempts` measurements), and the
 * large input really is about `factor` times as long as the small one (so the check cannot pass
 * on inputs that do not grow). Returns the measurement; HOPSCOPE_LINEARITY_LOG=1 prints it.
 *
 * @example expectLinear('ip route', (n) => routes(n), (t) => parseIpRoute(t, 'f'), { n: 200, check: (r, n) => expect(r.value.routes).toHaveLength(n) });
 */
export function expectLinear<T>(
  label: string,
  make: (n: number) => string,
  parse: (text: string) => T,
  opts: LinearityOptions<T> = {},
): LinearityResult {
  const factor = opts.factor ?? 8;
  const maxRatio = opts.maxRatio ?? factor * 3;
  let result = measureLinearity(label, make, parse, opts);
  const { chars } = result;
  const growth = chars[1] / Math.max(chars[0], 1);
  const sizes = `${label}: the large input has ${chars[1]} chars, the small one ${chars[0]}: not about ${factor}× as large`;
  expect(growth, sizes).toBeGreaterThan(factor * 0.8);
  expect(growth, sizes).toBeLessThan(factor * 1.25);

  const attempts = opts.attempts ?? 3;
  let made = 1;
  for (; made < attempts && result.ratio >= maxRatio; made++) {
    const again = measureLinearity(label, make, parse, opts);
    if (again.ratio < result.ratio) result = again;
  }
  const { ms, ratio } = result;
  if (typeof process !== 'undefined' && process.env.HOPSCOPE_LINEARITY_LOG) {
    console.log(`linearity ${label}: ${chars[0]} → ${chars[1]} chars, ${ms[0].toFixed(3)} → ${ms[1].toFixed(3)} ms, ratio ${ratio.toFixed(1)}${made > 1 ? ` (best of ${made} attempts)` : ''}`);
  }
  expect(ratio, `${label}: ${factor}× the input took ${ratio.toFixed(1)}× the time (${ms[0].toFixed(3)} ms → ${ms[1].toFixed(3)} ms), more than ${maxRatio}×`)
    .toBeLessThan(maxRatio);
  return result;
}
