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
    for (const m of cells[4]!.matchAll(/([A-Za-z][\w-]*):(\d+(?:,\d+)*)/g)) {
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

/** The traces for every option of the first branch (or the one trace without branches). */
function candidates(run: (choices: Record<string, string>) => Trace): Trace[] {
  const first = run({});
  const branch = first.branches[0];
  if (!branch) return [first];
  return branch.options.map((o) => run({ [branch.key]: o.value }));
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
      const p = scenario.packets[0]!;
      const packet = parsePacketSpec(p.packet).value!;
      const traces = candidates((choices) => simulate(model, { from: p.from, packet, choices, reply: false, ...(p.choices ? { choices: { ...p.choices, ...choices } } : {}) }));
      for (const row of rows) {
        // The branch the kernel took: the one whose trace reaches the endpoint it recorded.
        const trace = traces.find((t) => traceHops(t).some((h) => h.place.netnsName === row.endpoint)) ?? traces[0]!;
        expect(rulesOn(trace, row.node), `${row.connection} on ${row.node}`).toEqual(row.rules);
      }
    });
  }
});
