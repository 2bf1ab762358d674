/**
 * Everything `npm run scenarios:check` verifies about one scenario folder (Node only):
 * scenario.yaml against the JSON Schema, every dump parsed without an error diagnostic, every
 * narration and question placed on a hop with one right answer, and the minimal trace equal to
 * expected.txt. The golden test (scenarios.test.ts) runs the same check.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';
import { LineCounter, parseDocument } from 'yaml';
import { formatDiagnostic } from '../diagnostics';
import { buildModel } from '../model/build';
import { resolveGuide } from '../scenario/guide';
import type { LocalizedText } from '../scenario/localize';
import { loadScenario } from '../scenario/load';
import type { Scenario } from '../scenario/types';
import { parsePacketSpec } from '../sim/packet-spec';
import { simulate } from '../sim/simulate';
import { minimalTrace } from '../trace/minimal';
import { SCENARIOS_DIR, scenarioFiles } from './scenario-files';

export const SCHEMA_PATH = join(SCENARIOS_DIR, 'scenario.schema.json');

let validator: ReturnType<Ajv['compile']> | undefined;

/** Validates a parsed scenario.yaml against scenarios/scenario.schema.json. */
export function schemaErrors(doc: unknown): ErrorObject[] {
  validator ??= new Ajv({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true }).compile(JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as object);
  return validator(doc) ? [] : [...(validator.errors ?? [])];
}

export interface ScenarioReport {
  id: string;
  /** One line per problem, `file:line:col: message` where a place is known. */
  problems: string[];
  /** What is not wrong but missing (translations, questions): printed, not failed. */
  notes: string[];
  packets: number;
  dumps: number;
  narration: number;
  questions: number;
  /** The minimal trace of every packet, as expected.txt holds it. */
  actual: string;
  golden: 'same' | 'changed' | 'missing';
}

function schemaProblems(id: string, yamlText: string): string[] {
  const lines = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter: lines });
  if (doc.errors.length) return [];
  const errors = schemaErrors(doc.toJS());
  // The anchors' anyOf and the questions' if/then add a line of their own for one mistake; keep the precise ones.
  const precise = errors.filter((e) => !['anyOf', 'if', 'oneOf'].includes(e.keyword) || errors.length === 1);
  return (precise.length ? precise : errors).map((e) => {
    const path = e.instancePath.split('/').slice(1).map((p) => (/^\d+$/.test(p) ? Number(p) : p));
    const node = path.length ? doc.getIn(path, true) : doc.contents;
    const range = (node as { range?: [number, number] } | undefined)?.range;
    const pos = range ? lines.linePos(range[0]) : { line: 1, col: 1 };
    const extra = e.keyword === 'additionalProperties' ? ` (${(e.params as { additionalProperty: string }).additionalProperty})` : e.keyword === 'enum' ? ` (${(e.params as { allowedValues: unknown[] }).allowedValues.join(', ')})` : '';
    return `${id}/scenario.yaml:${pos.line}:${pos.col}: schema: ${e.instancePath || '/'} ${e.message ?? 'is invalid'}${extra}`;
  });
}

/** Texts without a Korean or Chinese version (choices are often names, left out), and a scenario without questions. */
function translationNotes(s: Scenario): string[] {
  const texts: LocalizedText[] = [s.title, s.summary, ...s.goals, ...s.narration.map((n) => n.text), ...s.questions.flatMap((q) => [q.prompt, q.explanation])];
  const notes: string[] = [];
  for (const lang of ['ko', 'zh'] as const) {
    const missing = texts.filter((t) => typeof t === 'string' || !t[lang]).length;
    if (missing) notes.push(`${missing} of ${texts.length} texts have no ${lang} (English is shown)`);
  }
  if (s.questions.length === 0) notes.push('no questions for the guided mode');
  return notes;
}

/** Checks one scenario; with `update`, a changed trace is written to expected.txt. */
export function checkScenario(id: string, options: { update?: boolean } = {}): ScenarioReport {
  const files = scenarioFiles(id);
  const report: ScenarioReport = { id, problems: [], notes: [], packets: 0, dumps: 0, narration: 0, questions: 0, actual: '', golden: 'missing' };
  const yamlText = files['scenario.yaml'] ?? '';
  report.problems.push(...schemaProblems(id, yamlText));
  const loaded = loadScenario(id, files);
  report.problems.push(...loaded.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic));
  const scenario = loaded.value;
  if (!scenario) return report;
  report.dumps = scenario.inputs.length;
  report.notes.push(...translationNotes(scenario));
  const model = buildModel(scenario.inputs);
  report.problems.push(...model.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic));
  const lines: string[] = [];
  for (const p of scenario.packets) {
    const spec = parsePacketSpec(p.packet);
    if (!spec.value) {
      report.problems.push(...spec.diagnostics.map((d) => `${id}/scenario.yaml: packet "${p.name}": ${d.message}`));
      continue;
    }
    const trace = simulate(model, { from: p.from, packet: spec.value, ...(p.choices ? { choices: p.choices } : {}), ...(p.in ? { in: p.in } : {}) });
    lines.push(`# ${p.name}: ${p.packet}`, ...minimalTrace(trace));
    const guide = resolveGuide(scenario, p.name, trace);
    report.problems.push(...guide.diagnostics.map(formatDiagnostic));
    report.packets++;
    report.narration += guide.narration.length;
    report.questions += guide.questions.length;
  }
  report.actual = `${lines.join('\n')}\n`;
  const golden = join(SCENARIOS_DIR, id, 'expected.txt');
  const changed = join(SCENARIOS_DIR, id, 'expected-changed.txt');
  if (options.update) writeFileSync(golden, report.actual);
  const expected = existsSync(golden) ? readFileSync(golden, 'utf8') : null;
  report.golden = expected === null ? 'missing' : expected === report.actual ? 'same' : 'changed';
  if (report.golden === 'same') rmSync(changed, { force: true });
  else {
    writeFileSync(changed, report.actual);
    report.problems.push(`${id}/expected.txt: ${report.golden === 'missing' ? 'missing' : 'differs from the trace'}; the trace is in ${id}/expected-changed.txt (review it, then UPDATE_GOLDEN=1)`);
  }
  return report;
}
