/**
 * Scenarios made in the kernel lab carry `kernel.md`: what the real kernel matched, per node,
 * for each traced connection. The engine must match the same rules in the same order on every
 * node, following the branch that leads to the endpoint the kernel picked.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildModel } from './model/build';
import { parsePacketSpec } from './sim/packet-spec';
import { simulate } from './sim/simulate';
import { readScenario, SCENARIOS_DIR, scenarioIds } from './testing/scenario-files';
import { traceHops } from './trace/minimal';
import type { RuleNode, Trace } from './trace/types';

interface KernelRow {
  connection: string;
  endpoint: string;
  node: string;
  rules: string[];
}

/** Rows of kernel.md's summary table: `| a1 | api-1 | node-1 | PREROUTING: nat PREROUTING:84 · ... |`. */
function kernelRows(text: string): KernelRow[] {
  const rows: KernelRow[] = [];
  for (const line of text.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    if (cells.length < 6 || !/^`[\w-]+`$/.test(cells[1]!)) continue;
    const rules: string[] = [];
    // Chain names: iptables (KUBE-SEP-X) and nftables (service-ULMVA6XW-default/web/tcp/http).
    for (const m of cells[4]!.matchAll(/([A-Za-z][\w./-]*):(\d+(?:,\d+)*)/g)) {
      for (const n of m[2]!.split(',')) rules.push(`${m[1]}:${n}`);
    }
    rows.push({ connection: cells[1]!.replace(/`/g, ''), endpoint: cells[2]!, node: cells[3]!, rules });
  }
  return rows;
}

function rulesOn(trace: Trace, node: string): string[] {
  return trace.legs[0]!.hops
    .filter((h) => h.place.node === node)
    .flatMap((h) => h.children.filter((c): c is RuleNode => c.kind === 'rule' && c.matched).map((c) => `${c.rule.chain}:${c.rule.span.line}`));
}

/** The traces for every packet of the scenario and every option of its first branch. */
function candidates(run: (packet: number, choices: Record<string, string>) => Trace, packets: number): Trace[] {
  const out: Trace[] = [];
  for (let i = 0; i < packets; i++) {
    const first = run(i, {});
    const branch = first.branches[0];
    if (!branch) out.push(first);
    else for (const o of branch.options) out.push(run(i, { [branch.key]: o.value }));
  }
  return out;
}

/**
 * The traces the kernel's row can describe: they reach the recorded endpoint, leave the dumped
 * hosts ("outside"), or (endpoint "-") die. A scenario with several packets has one per packet.
 */
function tracesFor(row: KernelRow, traces: Trace[]): Trace[] {
  if (row.endpoint === 'outside') return traces.filter((t) => t.legs[0]!.verdict === 'forwarded');
  if (row.endpoint === '-') return traces.filter((t) => t.legs[0]!.verdict === 'dropped' || t.legs[0]!.verdict === 'rejected');
  return traces.filter((t) => t.legs[0]!.verdict === 'delivered' && traceHops(t).some((h) => h.hop === 'deliver' && h.place.netnsName === row.endpoint));
}

describe('scenarios against the kernel lab records', () => {
  const withRecords = scenarioIds().filter((id) => existsSync(join(SCENARIOS_DIR, id, 'kernel.md')));
  it('exist', () => expect(withRecords.length).toBeGreaterThan(0));
  for (const id of withRecords) {
    const rows = kernelRows(readFileSync(join(SCENARIOS_DIR, id, 'kernel.md'), 'utf8'));
    it(`${id}: ${rows.length} kernel records, matched rule for rule on every node`, () => {
      expect(rows.length).toBeGreaterThan(0);
      const scenario = readScenario(id);
      const model = buildModel(scenario.inputs);
      const traces = candidates((i, choices) => {
        const p = scenario.packets[i]!;
        return simulate(model, { from: p.from, packet: parsePacketSpec(p.packet).value!, choices: { ...p.choices, ...choices }, reply: false, ...(p.in ? { in: p.in } : {}) });
      }, scenario.packets.length);
      for (const row of rows) {
        const fitting = tracesFor(row, traces);
        expect(fitting.length, `${row.connection}: no engine trace reaches ${row.endpoint}`).toBeGreaterThan(0);
        // The one with the kernel's rules, else the first (whose difference the failure shows).
        const trace = fitting.find((t) => rulesOn(t, row.node).join() === row.rules.join()) ?? fitting[0]!;
        expect(rulesOn(trace, row.node), `${row.connection} on ${row.node}`).toEqual(row.rules);
      }
    });
  }
});
