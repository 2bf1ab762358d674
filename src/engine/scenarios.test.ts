/**
 * Every scenario through `checkScenario` (what `npm run scenarios:check` runs): schema, dumps
 * without error diagnostics, narration and questions placed on hops, and the golden minimal
 * trace (`expected.txt`: only rewrites and verdicts, so wording changes don't break it). On a
 * mismatch the new trace is written beside it as `expected-changed.txt` for review;
 * `UPDATE_GOLDEN=1` accepts it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkScenario } from './testing/scenario-check';
import { SCENARIOS_DIR, scenarioIds } from './testing/scenario-files';

describe('scenarios', () => {
  const ids = scenarioIds();
  it('exist', () => expect(ids.length).toBeGreaterThan(0));

  for (const id of ids) {
    it(`${id} parses cleanly, places its guide and matches its golden trace`, () => {
      const report = checkScenario(id, { update: Boolean(process.env.UPDATE_GOLDEN) });
      expect(report.problems).toEqual([]);
      expect(report.actual).toBe(readFileSync(join(SCENARIOS_DIR, id, 'expected.txt'), 'utf8'));
    });
  }
});
