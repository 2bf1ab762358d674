/**
 * The deterministic sample of `npm run fuzz` that runs in `npm test`: every parser on a few
 * hundred mutated dumps, the recovery property (a garbage line loses nothing around it and is
 * itself reported), and the whole pipeline on mutated scenarios.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scenarioFiles, scenarioIds } from '../scenario-files';
import { spansIn } from './check';
import { applyMutation, type Mutation } from './mutations';
import { checkPipeline, pipelineCaseArb } from './pipeline';
import { runFuzzTarget } from './run';
import { fuzzTargets } from './targets';

const targets = fuzzTargets();
const SEED = 7;

describe('fuzz sample: every parser', () => {
  it('covers every format the model reads', () => {
    expect(targets.map((t) => t.name)).toEqual(expect.arrayContaining(['iptables-save', 'nft-json', 'ovs-flows', 'kubectl-svc', 'ipset', 'bundle', 'detect', 'scenario.yaml']));
    for (const t of targets) expect(t.seeds.length, t.name).toBeGreaterThan(0);
  });

  it.each(targets.map((t) => [t.name, t] as const))('%s: never throws, every diagnostic and span lies inside the input', (_, target) => {
    const stats = runFuzzTarget(target, { cases: 120, seed: SEED });
    expect(stats.cases).toBe(120);
    expect(stats.failures.map((f) => ({ input: f.input.slice(0, 300), problems: f.problems.map((p) => p.slice(0, 300)) }))).toEqual([]);
  });
});

// A line no format has: binary, a replacement character, colour codes, a NUL.
const GARBAGE = '@@ \x00\x01 ~~ \uFFFD garbage %% \x1b[31m';
const key = (s: { line: number; column: number }) => `${s.line}:${s.column}`;
// Line-based parsers; nft -j is JSON (its own property below), bundles hand lines to the sections' parsers.
const LINE_BASED = targets.filter((t) => !['detect', 'packet', 'scenario.yaml', 'nft-json', 'bundle'].includes(t.name));

describe('fuzz sample: a corrupted line costs only itself', () => {
  it.each(LINE_BASED.map((t) => [t.name, t] as const))('%s: lines around a garbage line still parse, and the garbage line is reported', (_, target) => {
    let checked = 0;
    for (const seed of target.seeds.slice(0, 6)) {
      const lines = seed.split('\n');
      const before = spansIn(target.parse(seed, 'f').value).filter((s) => s.file === 'f');
      for (let k = 1; k < lines.length; k += Math.max(1, Math.floor(lines.length / 5))) {
        const text = [...lines.slice(0, k), GARBAGE, ...lines.slice(k)].join('\n');
        const after = target.parse(text, 'f');
        const got = new Set(spansIn(after.value).filter((s) => s.file === 'f').map(key));
        // Everything read from the other lines is still read, at its (shifted) place.
        const lost = before.filter((s) => !got.has(key(s.line <= k ? s : { line: s.line + 1, column: s.column })));
        expect(lost.map(key), `garbage after line ${k}`).toEqual([]);
        expect(after.diagnostics.some((d) => d.line === k + 1), `a diagnostic on the garbage line ${k + 1}`).toBe(true);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('nft -j: a damaged element of the nftables array costs only that element', () => {
    const target = targets.find((t) => t.name === 'nft-json')!;
    for (const seed of target.seeds.filter((s) => s.includes('"rule"'))) {
      const rules = (text: string) => spansIn(target.parse(text, 'f').value).length;
      const at = seed.indexOf('"rule"');
      const broken = `${seed.slice(0, at)}"rule": @@ garbage ${seed.slice(at + 6)}`;
      const r = target.parse(broken, 'f');
      expect(r.diagnostics.some((d) => d.code === 'NFT013')).toBe(true);
      expect(rules(broken)).toBeGreaterThan(rules(seed) * 0.8);
    }
  });
});

describe('fuzz sample: mutations', () => {
  const text = 'a b c\nd e f\ng h i';
  it.each<[Mutation, string]>([
    [{ kind: 'bom' }, '\uFEFFa b c\nd e f\ng h i'],
    [{ kind: 'crlf' }, 'a b c\r\nd e f\r\ng h i'],
    [{ kind: 'swapTokens', line: 1, a: 0, b: 2 }, 'a b c\nf e d\ng h i'],
    [{ kind: 'nul', at: 1, count: 2 }, 'a\0\0 b c\nd e f\ng h i'],
    [{ kind: 'bytes', at: 0, bytes: [0xff, 0x41], decode: 'utf-8' }, '\uFFFDAa b c\nd e f\ng h i'],
    [{ kind: 'longLine', line: 2, repeat: 3 }, 'a b c\nd e f\ng h i g h i g h i'],
    [{ kind: 'nest', at: 0, open: '{', depth: 3 }, '{{{a b c\nd e f\ng h i'],
  ])('%o', (m, expected) => {
    expect(applyMutation(text, m)).toBe(expected);
  });
});

describe('fuzz sample: the pipeline', () => {
  it('mutated scenarios load, build and simulate without throwing; every leg ends with a verdict', () => {
    const scenarios = scenarioIds().map((id) => ({ id, files: scenarioFiles(id) }));
    const failures: string[] = [];
    fc.assert(fc.property(fc.nat(), pipelineCaseArb, (pick, c) => {
      const { id, files } = scenarios[pick % scenarios.length]!;
      const problems = checkPipeline(id, files, c);
      if (problems.length > 0) failures.push(`${id} ${JSON.stringify(c).slice(0, 200)}: ${problems.join('; ').slice(0, 300)}`);
      return true;
    }), { numRuns: 12, seed: SEED });
    expect(failures).toEqual([]);
  });
});
