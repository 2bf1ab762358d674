/**
 * The kernel conformance suite for nftables (docs/kernel-suite.md, "nftables cases"): every case
 * in tests/kernel/nft/cases loads an nft ruleset (kube-proxy's nftables mode, flannel's, plain
 * nft firewalls, iptables-nft side by side) into real network namespaces, traces a packet, and
 * the engine must do the same on the dumps the lab printed.
 *
 *   npm run test:kernel                          all kernel cases (root)
 *   HSK_CASES=a,b npm run test:kernel            only these cases (names of either suite)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildModel } from '../../src/engine/index';
import { checkDistribution, compare } from './harness/compare';
import { checkKernelEnv } from './harness/env';
import { REPO } from './harness/lab';
import { nftEngineInputs, nftEngineLeaves } from './nft/engine';
import { jsonRulePositions, mapHandles } from './nft/handles';
import { leftoverNftNamespaces } from './nft/lab';
import { describeNftResult, runNftCase, type NftCaseResult } from './nft/run';
import type { NftCase } from './nft/types';

const modules = import.meta.glob<{ default: NftCase }>('./nft/cases/*.ts', { eager: true });
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
  describe('kernel conformance (nftables)', () => {
    it('cannot run on this machine', () => {
      const banner = `\n${'!'.repeat(78)}\nKERNEL SUITE SKIPPED: ${env.reason}\n${'!'.repeat(78)}\n`;
      process.stderr.write(banner);
      console.warn(banner);
    });
  });
} else {
  const results: NftCaseResult[] = [];
  const started = Date.now();
  describe('kernel conformance (nftables)', () => {
    // The handle → line mapping on real nft 1.0.6 output kept in the repository (the parser's
    // fixtures, src/engine/formats/nft/fixtures): every rule of the -a listing is found, the
    // plain text's line is that rule, and the JSON listing of the same ruleset has the same rules.
    it('handle → dump line mapping on the nft fixtures', () => {
      const dir = join(REPO, 'src/engine/formats/nft/fixtures');
      for (const name of ['kube-proxy-flannel', 'firewall']) {
        const withHandles = readFileSync(join(dir, `${name}-handles.txt`), 'utf8');
        const plain = readFileSync(join(dir, `${name}.txt`), 'utf8');
        const m = mapHandles(withHandles, plain);
        expect(m.errors, name).toEqual([]);
        const ruleLines = withHandles.split('\n').filter((l) => /^\t\t\S.* # handle \d+$/.test(l)).length;
        expect(m.rules.size, name).toBe(ruleLines);
        const plainLines = plain.split('\n');
        for (const r of m.rules.values()) expect(plainLines[r.line - 1]!.trim(), `${name} handle ${r.handle}`).toBe(r.text);
        const j = jsonRulePositions(readFileSync(join(dir, `${name}.json`), 'utf8'));
        expect(j.errors, name).toEqual([]);
        expect([...j.rules.keys()].sort(), name).toEqual([...m.rules.keys()].sort());
        // A listing that lost a line no longer maps.
        expect(mapHandles(withHandles, plainLines.filter((_, i) => i !== 5).join('\n')).errors.length, name).toBeGreaterThan(0);
      }
    });

    for (const c of cases) {
      it(c.name, () => {
        const r = runNftCase(c);
        results.push(r);
        const text = describeNftResult(r);
        console.log(text);
        expect(r.agree, text).toBe(true);
      });
    }
    // Negative controls: the comparison must notice a changed engine input, or "agree" would
    // mean nothing. They reuse the dumps and kernel observations of cases above.
    it('self-check: a changed engine is caught', () => {
      const checked: string[] = [];
      const caseOf = (name: string) => cases.find((x) => x.name === name)!;
      const rerun = (r: NftCaseResult, edit: (name: string, text: string) => string) => {
        const c = caseOf(r.name);
        const inputs = nftEngineInputs(c, r.run!.dumpsDir).map((i) => ({ ...i, text: edit(i.name, i.text) }));
        const model = buildModel(inputs);
        const s = r.sends[0]!;
        const leaves = nftEngineLeaves(c, model, { sport: s.sport });
        return leaves.map((l) => compare(s.kernel, l.obs).join('\n')).join('\n');
      };
      const one = results.find((r) => r.name === 'kp-clusterip-one-endpoint' && r.run && r.agree);
      if (one) {
        // A comment line on top of nft list ruleset moves every rule by one line.
        expect(rerun(one, (n, t) => (n.endsWith('nft-ruleset.txt') ? `# edited\n${t}` : t))).toMatch(/matched rules differ/);
        // Another DNAT port: final destination and conntrack disagree.
        expect(rerun(one, (n, t) => (n.endsWith('nft-ruleset.txt') ? t.replace('dnat to 10.244.1.5:8080', 'dnat to 10.244.1.5:8081') : t))).toMatch(/final destination differs/);
        checked.push('text lines', 'final destination');
      }
      const json = results.find((r) => r.name === 'kp-clusterip-two-endpoints' && r.run && r.agree);
      if (json) {
        // One space before the JSON moves every object by one column.
        expect(rerun(json, (n, t) => (n.endsWith('.json') ? ` ${t}` : t))).toMatch(/matched rules differ/);
        checked.push('JSON columns');
      }
      const rej = results.find((r) => r.name === 'kp-no-endpoints' && r.run && r.agree);
      if (rej) {
        expect(rerun(rej, (n, t) => (n.endsWith('nft-ruleset.txt') ? t.replace(/^(\t\t)reject$/m, '$1reject with icmp type host-unreachable') : t))).toMatch(/reject kind differs/);
        checked.push('reject kind');
      }
      const dist = results.find((r) => r.name === 'kp-clusterip-three-endpoints' && r.run?.many);
      if (dist?.run?.many) {
        expect(checkDistribution(dist.run.many.counts, 0, { 'web-1': 0.8, 'web-2': 0.1, 'web-3': 0.1 }).ok).toBe(false);
        checked.push('distribution');
      }
      console.log(`kernel suite (nftables) self-check: ${checked.length ? checked.join(', ') : 'nothing to check (the cases it uses did not run or did not agree)'}`);
    });

    afterAll(() => {
      const agree = results.filter((r) => r.agree).length;
      const lab = results.filter((r) => r.labProblem).length;
      const seconds = ((Date.now() - started) / 1000).toFixed(0);
      const left = leftoverNftNamespaces();
      const lines = [`kernel conformance (nftables): ${results.length} cases, ${agree} agree${lab ? `, ${lab} lab problems` : ''} (${seconds} s)`];
      for (const r of results.filter((x) => !x.agree)) lines.push(`  ${r.labProblem ? 'LAB PROBLEM' : 'DISAGREE'}: ${r.name}`);
      if (left.length) lines.push(`  namespaces left behind: ${left.join(' ')}`);
      process.stdout.write(`\n${lines.join('\n')}\n`);
    });
  });
}
