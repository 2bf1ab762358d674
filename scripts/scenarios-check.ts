/**
 * npm run scenarios:check [ID...]: validates every scenario (or the ones named) and prints one
 * report line per scenario, then every problem; exits 1 when any scenario has a problem.
 * UPDATE_GOLDEN=1 writes the current minimal traces into expected.txt (review them first).
 */
import { checkScenario } from '../src/engine/testing/scenario-check';
import { scenarioIds } from '../src/engine/testing/scenario-files';

const wanted = process.argv.slice(2);
const all = scenarioIds();
const unknown = wanted.filter((id) => !all.includes(id));
if (unknown.length) {
  console.error(`scenarios:check: no scenario ${unknown.join(', ')} (have: ${all.join(', ')})`);
  process.exit(2);
}
const ids = wanted.length ? wanted : all;
let failed = 0;
const width = Math.max(...ids.map((id) => id.length));
for (const id of ids) {
  const r = checkScenario(id, { update: Boolean(process.env.UPDATE_GOLDEN) });
  const ok = r.problems.length === 0;
  if (!ok) failed++;
  const figures = `${r.dumps} dumps, ${r.packets} packet${r.packets === 1 ? '' : 's'}, ${r.narration} narration, ${r.questions} questions, trace ${r.golden === 'same' ? '= expected.txt' : r.golden}`;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${id.padEnd(width)}  ${figures}`);
  for (const p of r.problems) console.log(`       ${p}`);
  for (const n of r.notes) console.log(`       note: ${n}`);
}
console.log(`\n${ids.length - failed}/${ids.length} scenarios pass${failed ? `; ${failed} failed` : ''}.`);
process.exit(failed ? 1 : 0);
