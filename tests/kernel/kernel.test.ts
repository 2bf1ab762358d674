/**
 * The kernel conformance suite: every case in tests/kernel/cases runs in real network
 * namespaces (the kernel decides), then the engine runs on the dumps the lab printed, and the
 * two must agree. See docs/kernel-suite.md.
 *
 *   npm run test:kernel                       all cases (root)
 *   HSK_CASES=a,b npm run test:kernel         only these cases
 */
import { afterAll, describe, expect, it } from 'vitest';
import { buildModel, simulate } from '../../src/engine/index';
import { checkDistribution, compare } from './harness/compare';
import { engineInputs, engineRequest, observe } from './harness/engine';
import { checkKernelEnv } from './harness/env';
import { leftoverNamespaces } from './harness/lab';
import { describeResult, runCase, type CaseResult } from './harness/run';
import type { KernelCase } from './harness/types';

const modules = import.meta.glob<{ default: KernelCase }>('./cases/*.ts', { eager: true });
const only = (process.env.HSK_CASES ?? '').split(',').map((s) => s.trim()).filter(Boolean);
const cases = Object.entries(modules)
  .map(([path, m]) => {
    const file = path.replace(/^.*\//, '').replace(/\.ts$/, '');
    if (m.default.name !== file) throw new Error(`case ${path} is named "${m.default.name}"; a case's name is its file name`);
    return m.default;
  })
  .filter((c) => only.length === 0 || only.includes(c.name))
  .sort((a, b) => a.name.localeCompare(b.name));

const env = checkKernelEnv();

if (!env.ok) {
  describe('kernel conformance', () => {
    // Deliberately one passing test, not it.skip: the suite is part of `npm test` and must not
    // fail where it cannot run, but it must say so.
    it('cannot run on this machine', () => {
      const banner = `\n${'!'.repeat(78)}\nKERNEL SUITE SKIPPED: ${env.reason}\n${'!'.repeat(78)}\n`;
      process.stderr.write(banner);
      console.warn(banner);
    });
  });
} else {
  const results: CaseResult[] = [];
  const started = Date.now();
  describe('kernel conformance', () => {
    for (const note of env.notes) console.log(`kernel suite: ${note}`);
    for (const c of cases) {
      it(c.name, () => {
        const r = runCase(c);
        results.push(r);
        const text = describeResult(r);
        console.log(text);
        expect(r.agree, text).toBe(true);
      });
    }
    // Negative controls (not cases): the comparison must notice a changed engine, or the
    // suite's "agree" would mean nothing. They reuse the kernel observations of cases above.
    it('self-check: a changed engine is caught', () => {
      const checked: string[] = [];
      const shifted = results.find((r) => r.name === 'clusterip-one-endpoint' && r.kernel);
      if (shifted?.kernel) {
        const c = cases.find((x) => x.name === shifted.name)!;
        // A comment line on top of iptables-save moves every rule by one line.
        const inputs = engineInputs(c, shifted.kernel.dumpsDir).map((i) => (i.name.endsWith('iptables-save.txt') ? { ...i, text: `# edited\n${i.text}` } : i));
        const model = buildModel(inputs);
        expect(compare(shifted.kernel, observe(c, model, simulate(model, engineRequest(c)), {})).join('\n')).toMatch(/matched rules differ/);
        // Another DNAT target: final destination and conntrack must disagree.
        const moved = engineInputs(c, shifted.kernel.dumpsDir).map((i) => (i.name.endsWith('iptables-save.txt') ? { ...i, text: i.text.replace('--to-destination 10.244.1.5:8080', '--to-destination 10.244.1.5:8081') } : i));
        const m2 = buildModel(moved);
        expect(compare(shifted.kernel, observe(c, m2, simulate(m2, engineRequest(c)), {})).join('\n')).toMatch(/final destination differs/);
        checked.push('rule lines', 'final destination');
      }
      const bridged = results.find((r) => r.name === 'pod-to-pod-bridged' && r.kernel);
      if (bridged?.kernel) {
        const c = cases.find((x) => x.name === bridged.name)!;
        const model = buildModel(engineInputs(c, bridged.kernel.dumpsDir));
        const trace = simulate(model, { ...engineRequest(c), settings: { bridgeNfCallIptables: false } });
        expect(compare(bridged.kernel, observe(c, model, trace, {})).join('\n')).toMatch(/matched rules differ/);
        checked.push('bridge-nf-call-iptables');
      }
      const dist = results.find((r) => r.name === 'clusterip-distribution' && r.kernel?.many);
      if (dist?.kernel?.many) {
        expect(checkDistribution(dist.kernel.many.counts, 0, { 'web-1': 0.8, 'web-2': 0.1, 'web-3': 0.1 }).ok).toBe(false);
        checked.push('distribution');
      }
      console.log(`kernel suite self-check: ${checked.length ? checked.join(', ') : 'nothing to check (the cases it uses did not run)'}`);
    });

    afterAll(() => {
      const agree = results.filter((r) => r.agree).length;
      const lab = results.filter((r) => r.labProblem).length;
      const seconds = ((Date.now() - started) / 1000).toFixed(0);
      const left = leftoverNamespaces();
      const lines = [`kernel conformance: ${results.length} cases, ${agree} agree${lab ? `, ${lab} lab problems` : ''} (${seconds} s)`];
      for (const r of results.filter((x) => !x.agree)) lines.push(`  ${r.labProblem ? 'LAB PROBLEM' : 'DISAGREE'}: ${r.name}`);
      if (left.length) lines.push(`  namespaces left behind: ${left.join(' ')}`);
      process.stdout.write(`\n${lines.join('\n')}\n`);
    });
  });
}
