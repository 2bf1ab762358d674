/**
 * Reads a scenario folder: `scenario.yaml` plus the dump files it names. Untrusted input:
 * everything is checked field by field, and problems are diagnostics, never exceptions.
 */
import { parse as parseYaml } from 'yaml';
import { diagnostic, type Diagnostic, type ParseResult } from '../diagnostics';
import { INPUT_FORMATS, type InputFile, type InputFormat } from '../model/types';
import { readLocalizedText, type LocalizedText } from './localize';
import type { Level, Scenario, ScenarioPacket } from './types';
import { checkYamlLimits } from './yaml-limits';

const LEVELS: readonly Level[] = ['beginner', 'intermediate', 'advanced'];
const FORMATS: readonly InputFormat[] = INPUT_FORMATS;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

export function loadScenario(id: string, files: Record<string, string>): ParseResult<Scenario | null> {
  const file = `${id}/scenario.yaml`;
  const diagnostics: Diagnostic[] = [];
  const bad = (message: string): ParseResult<Scenario | null> => ({ value: null, diagnostics: [...diagnostics, diagnostic('SCN002', { file, line: 1, column: 1 }, message)] });
  const yamlText = Object.hasOwn(files, 'scenario.yaml') ? files['scenario.yaml'] : undefined;
  if (typeof yamlText !== 'string') return { value: null, diagnostics: [diagnostic('SCN003', { file, line: 1, column: 1 }, 'scenario.yaml is missing.')] };
  const tooBig = checkYamlLimits(yamlText);
  if (tooBig) return { value: null, diagnostics: [diagnostic('SCN004', { file, line: tooBig.line, column: tooBig.column }, tooBig.message)] };
  let doc: unknown;
  try {
    // Warnings would go to the console; errors still throw and become SCN001.
    doc = parseYaml(yamlText, { maxAliasCount: 100, logLevel: 'error' });
  } catch (e) {
    const pos = (e as { linePos?: { line: number; col: number }[] }).linePos?.[0];
    return { value: null, diagnostics: [diagnostic('SCN001', { file, line: pos?.line ?? 1, column: pos?.col ?? 1 }, `scenario.yaml is not valid YAML: ${(e as Error).message.split('\n')[0]}`)] };
  }
  if (!isRecord(doc)) return bad('scenario.yaml must be a mapping with title, inputs and packets.');
  if (doc.title === undefined || doc.title === '') return bad('"title" is required.');
  const texts: Record<string, LocalizedText | LocalizedText[]> = {};
  for (const field of ['title', 'summary', 'goals'] as const) {
    const raw = doc[field];
    if (raw === undefined) continue;
    const items = field === 'goals' ? (Array.isArray(raw) ? raw : [raw]) : [raw];
    const read = items.map((item) => readLocalizedText(item));
    const failed = read.findIndex((r) => 'error' in r);
    if (failed >= 0) return bad(`"${field}${field === 'goals' ? `[${failed}]` : ''}" ${(read[failed] as { error: string }).error}.`);
    const values = read.map((r) => (r as { text: LocalizedText }).text);
    texts[field] = field === 'goals' ? values : values[0]!;
  }
  const level = str(doc.level) ?? 'beginner';
  if (!LEVELS.includes(level as Level)) return bad(`"level" must be one of ${LEVELS.join(', ')}.`);

  const inputs: InputFile[] = [];
  for (const [i, raw] of (Array.isArray(doc.inputs) ? doc.inputs : []).entries()) {
    if (!isRecord(raw) || !str(raw.file)) return bad(`inputs[${i}] needs a "file".`);
    const path = str(raw.file)!;
    // Own files only: a path such as "__proto__" or "constructor" must not reach Object.prototype.
    const text = Object.hasOwn(files, path) ? files[path] : undefined;
    if (typeof text !== 'string') {
      diagnostics.push(diagnostic('SCN003', { file, line: 1, column: 1 }, `inputs[${i}]: the file ${path} is missing from the scenario folder.`));
      continue;
    }
    const input: InputFile = { name: `${id}/${path}`, text };
    if (str(raw.node)) input.node = str(raw.node)!;
    if (str(raw.netns)) input.netns = str(raw.netns)!;
    const format = str(raw.format);
    if (format !== undefined) {
      if (!FORMATS.includes(format as InputFormat)) return bad(`inputs[${i}].format must be one of ${FORMATS.join(', ')}.`);
      input.format = format as InputFormat;
    }
    inputs.push(input);
  }
  if (inputs.length === 0 && diagnostics.length === 0) return bad('"inputs" must list at least one dump file.');

  const packets: ScenarioPacket[] = [];
  for (const [i, raw] of (Array.isArray(doc.packets) ? doc.packets : []).entries()) {
    if (!isRecord(raw) || !str(raw.from) || !str(raw.packet)) return bad(`packets[${i}] needs "from" and "packet".`);
    const p: ScenarioPacket = { name: str(raw.name) ?? `packet ${i + 1}`, from: str(raw.from)!, packet: str(raw.packet)! };
    if (isRecord(raw.choices)) {
      p.choices = Object.create(null) as Record<string, string>;
      for (const [k, v] of Object.entries(raw.choices)) if (typeof v === 'string') p.choices[k] = v;
    }
    packets.push(p);
  }
  if (packets.length === 0) return bad('"packets" must describe at least one packet.');

  return {
    value: {
      id,
      title: texts.title as LocalizedText,
      summary: (texts.summary as LocalizedText | undefined) ?? '',
      level: level as Level,
      datapath: str(doc.datapath) ?? 'unknown',
      topics: strings(doc.topics),
      goals: (texts.goals as LocalizedText[] | undefined) ?? [],
      inputs,
      packets,
    },
    diagnostics,
  };
}
