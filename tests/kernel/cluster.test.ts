/**
 * The kernel conformance suite, cross-node cases: a three-node flannel (VXLAN) cluster in network
 * namespaces (scripts/lab/cluster's lab, built once for this file), kube-proxy rules on every
 * node; each case sends one packet and the kernel's record -- per-node nft traces, the underlay
 * capture, what the receiver saw, the reply at the client, conntrack on every node -- must equal
 * the engine's trace on the dumps the lab took. See docs/kernel-suite.md.
 *
 *   npm run test:kernel                               everything (root)
 *   HKC_CASES=a,b npx vitest run --config vitest.kernel.config.ts tests/kernel/cluster.test.ts
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLUSTER_CASES } from './cluster/cases/index';
import { compare } from './cluster/compare';
import { buildEngineModel } from './cluster/engine';
import { RESULTS_DIR, buildCluster, clusterEnvProblem, leftoverNamespaces, teardownCluster, type ClusterLab } from './cluster/lab';
import { LabError } from './cluster/kernel';
import { describeResult, judge, runCase, type CaseResult } from './cluster/run';
import { checkKernelEnv } from './harness/env';

const only = (process.env.HKC_CASES ?? '').split(',').map((s) => s.trim()).filter(Boolean);
const cases = CLUSTER_CASES.filter((c) => only.length === 0 || only.includes(c.name));

const base = checkKernelEnv();
const reason = base.ok ? clusterEnvProblem() : base.reason;

if (reason) {
  describe('kernel conformance (cluster)', () => {
    // One passing test, not it.skip: the suite must not fail where it cannot run, but must say so.
    it('cannot run on this machine', () => {
      const banner = `\n${'!'.repeat(78)}\nKERNEL SUITE SKIPPED: ${reason} (cross-node cases)\n${'!'.repeat(78)}\n`;
      process.stderr.write(banner);
      console.warn(banner);
    });
  });
} else {
  const results: CaseResult[] = [];
  const started = Date.now();
  let lab: ClusterLab | null = null;
  let buildError: string | null = null;
  let tornDown = false;
  let teardownProblem = '';
  const teardown = () => {
    if (tornDown) return;
    tornDown = true;
    teardownProblem = teardownCluster({ prefix: `hkc-${process.pid}-`, state: lab?.state ?? join(RESULTS_DIR, 'lab') });
  };
  // The lab outlives each bash step: remove it also if this worker ends without afterAll.
  process.once('exit', teardown);

  describe('kernel conformance (cluster)', () => {
    beforeAll(() => {
      try {
        lab = buildCluster();
        console.log(`kernel suite (cluster): lab built in ${lab.seconds.toFixed(0)} s (namespaces ${lab.prefix}*)`);
      } catch (e) {
        if (!(e instanceof LabError)) throw e;
        buildError = e.message;
      }
    });

    for (const c of cases) {
      it(c.name, () => {
        const r = runCase(lab, c, buildError);
        results.push(r);
        const text = describeResult(r);
        console.log(text);
        expect(r.agree, text).toBe(true);
      });
    }

    // Negative controls: the comparison must notice a changed engine input, or "agree" means nothing.
    it('self-check: a changed engine is caught', () => {
      const checked: string[] = [];
      const p2p = results.find((r) => r.name === 'pod-to-pod-vxlan' && r.kernel);
      const c = cases.find((x) => x.name === 'pod-to-pod-vxlan');
      if (lab && p2p?.kernel && c) {
        // A comment line on top of node-2's iptables-save moves every rule by one line.
        const shifted = buildEngineModel(p2p.kernel.dumpsDir, lab.hostDumps, (n, t) => (n === 'node-2/iptables-save.txt' ? `# edited\n${t}` : t));
        expect(judge(c, p2p.kernel, shifted).disagreements.join('\n')).toMatch(/node-2: matched rules differ/);
        // node-1's flannel.1 with another VNI: the outer header must differ.
        const vni = buildEngineModel(p2p.kernel.dumpsDir, lab.hostDumps, (n, t) => (n === 'node-1/ip-addr.txt' ? t.replace(/vxlan id 1 /, 'vxlan id 7 ') : t));
        expect(judge(c, p2p.kernel, vni).disagreements.join('\n')).toMatch(/request frames on the underlay differ/);
        checked.push('rule lines', 'VNI');
      }
      const cip = results.find((r) => r.name === 'clusterip-remote-api-1' && r.kernel);
      const c2 = cases.find((x) => x.name === 'clusterip-remote-api-1');
      if (lab && cip?.kernel && c2) {
        // Another DNAT port on node-1: delivered destination, reply and conntrack must disagree.
        const moved = buildEngineModel(cip.kernel.dumpsDir, lab.hostDumps, (n, t) => (n === 'node-1/iptables-save.txt' ? t.replace('--to-destination 10.244.2.7:8080', '--to-destination 10.244.2.7:8081') : t));
        const d = judge(c2, cip.kernel, moved).disagreements.join('\n');
        expect(d).toMatch(/node-1: conntrack differs/);
        checked.push('DNAT target');
      }
      const np = results.find((r) => r.name === 'nodeport-cluster-api-1' && r.kernel && r.engine);
      if (np?.kernel && np.engine) {
        // The reply comes back to node-1 through flannel.1 and leaves by eth0: the kernel's trace
        // says so, and an engine placing node-1's POSTROUTING hop at the input device is caught.
        expect(np.kernel.replyPostrouting['node-1']).toEqual(['eth0']);
        const atInput = { ...np.engine, replyPostrouting: { ...np.engine.replyPostrouting, 'node-1': ['flannel.1'] } };
        expect(compare(np.kernel, atInput).join('\n')).toMatch(/node-1: the reply's POSTROUTING interface differs/);
        checked.push('reply POSTROUTING interface');
      }
      console.log(`kernel suite (cluster) self-check: ${checked.length ? checked.join(', ') : 'nothing to check (the cases it uses did not run)'}`);
    });

    afterAll(() => {
      teardown();
      const agree = results.filter((r) => r.agree).length;
      const labProblems = results.filter((r) => r.labProblem).length;
      const seconds = ((Date.now() - started) / 1000).toFixed(0);
      const left = leftoverNamespaces().filter((n) => n.startsWith(`hkc-${process.pid}-`));
      const lines = [`kernel conformance (cluster): ${results.length} cases, ${agree} agree${labProblems ? `, ${labProblems} lab problems` : ''} (${seconds} s)`];
      for (const r of results.filter((x) => !x.agree)) lines.push(`  ${r.labProblem ? 'LAB PROBLEM' : 'DISAGREE'}: ${r.name}`);
      if (teardownProblem) lines.push(`  teardown: ${teardownProblem}`);
      if (left.length) lines.push(`  namespaces left behind: ${left.join(' ')}`);
      process.stdout.write(`\n${lines.join('\n')}\n`);
    });
  });
}
