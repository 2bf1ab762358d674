/**
 * Every scenario, through the engine, against its golden minimal trace (`expected.txt`: only
 * rewrites and verdicts, so wording changes don't break it). On a mismatch the new trace is
 * written beside it as `expected-changed.txt` for review; `UPDATE_GOLDEN=1` accepts it.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildModel } from './model/build';
import { parsePacketSpec } from './sim/packet-spec';
import { simulate } from './sim/simulate';
import { readScenario, SCENARIOS_DIR, scenarioIds } from './testing/scenario-files';
import { minimalTrace } from './trace/minimal';

describe('scenarios', () => {
  const ids = scenarioIds();
  it('exist', () => expect(ids.length).toBeGreaterThan(0));

  for (const id of ids) {
    it(`${id} parses cleanly and matches its golden trace`, () => {
      const scenario = readScenario(id);
      const model = buildModel(scenario.inputs);
      expect(model.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      const lines: string[] = [];
      for (const p of scenario.packets) {
        const spec = parsePacketSpec(p.packet);
        expect(spec.diagnostics).toEqual([]);
        const trace = simulate(model, p.choices ? { from: p.from, packet: spec.value!, choices: p.choices } : { from: p.from, packet: spec.value! });
        lines.push(`# ${p.name}: ${p.packet}`, ...minimalTrace(trace));
      }
      const actual = `${lines.join('\n')}\n`;
      const golden = join(SCENARIOS_DIR, id, 'expected.txt');
      const changed = join(SCENARIOS_DIR, id, 'expected-changed.txt');
      if (process.env.UPDATE_GOLDEN) writeFileSync(golden, actual);
      const expected = existsSync(golden) ? readFileSync(golden, 'utf8') : '(no expected.txt yet: review expected-changed.txt and rename it)\n';
      if (actual !== expected) writeFileSync(changed, actual);
      else rmSync(changed, { force: true });
      expect(actual).toBe(expected);
    });
  }
});
