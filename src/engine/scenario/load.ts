/**
 * Reads a scenario folder: `scenario.yaml` plus the dump files it names. Untrusted input:
 * everything is checked field by field, and problems are located diagnostics, never
 * exceptions. `scenarios/scenario.schema.json` describes the same shape for editors and for
 * `npm run scenarios:check`; a test keeps the two in agreement.
 */
import { isNode, LineCounter, parseDocument, type Document } from 'yaml';
import { diagnostic, type Diagnostic, type ParseResult, type SourceSpan } from '../diagnostics';
import { INPUT_FORMATS, type InputFile, type InputFormat } from '../model/types';
import { readAnchor } from './anchor';
import { readLocalizedText, type LocalizedText } from './localize';
import type { Level, QuestionChoice, QuestionKind, Scenario, ScenarioNarration, ScenarioPacket, ScenarioQuestion } from './types';
import { checkYamlLimits } from './yaml-limits';
import { msg } from '../explain/message';

const LEVELS: readonly Level[] = ['beginner', 'intermediate', 'advanced'];
const FORMATS: readonly InputFormat[] = INPUT_FORMATS;
const QUESTION_KINDS: readonly QuestionKind[] = ['next-hop', 'field'];

type Path = (string | number)[];

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

function pathText(path: Path): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

class SchemaError extends Error {}

/** Reads one scenario.yaml document; `fail` throws a SchemaError located at a path. */
class Reader {
  constructor(
    private readonly doc: Document,
    private readonly lines: LineCounter,
    private readonly file: string,
  ) {}

  span(path: Path): SourceSpan {
    // The deepest node that exists along the path: a missing field points at its parent.
    for (let n = path.length; n >= 0; n--) {
      const node = n === 0 ? this.doc.contents : this.doc.getIn(path.slice(0, n), true);
      if (isNode(node) && node.range) {
        const pos = this.lines.linePos(node.range[0]);
        return { file: this.file, line: pos.line, column: pos.col };
      }
    }
    return { file: this.file, line: 1, column: 1 };
  }

  fail(path: Path, message: string): never {
    const e = new SchemaError(`${pathText(path)}: ${message}`);
    (e as SchemaError & { span: SourceSpan }).span = this.span(path);
    throw e;
  }

  text(v: unknown, path: Path): LocalizedText {
    const r = readLocalizedText(v);
    if ('error' in r) this.fail(path, `${r.error}.`);
    return r.text;
  }

  texts(v: unknown, path: Path): LocalizedText[] {
    if (v === undefined) return [];
    if (!Array.isArray(v)) this.fail(path, 'must be a list.');
    return v.map((item, i) => this.text(item, [...path, i]));
  }

  list(v: unknown, path: Path): unknown[] {
    if (v === undefined) return [];
    if (!Array.isArray(v)) this.fail(path, 'must be a list.');
    return v;
  }

  anchor(v: unknown, path: Path) {
    const r = readAnchor(v);
    if ('error' in r) this.fail(path, r.error);
    return r.anchor;
  }
}

export function loadScenario(id: string, files: Record<string, string>): ParseResult<Scenario | null> {
  const file = `${id}/scenario.yaml`;
  const yamlText = Object.hasOwn(files, 'scenario.yaml') ? files['scenario.yaml'] : undefined;
  if (typeof yamlText !== 'string') return { value: null, diagnostics: [diagnostic('SCN003', { file, line: 1, column: 1 }, msg('diag.SCN003.scenarioYamlMissing'))] };
  const tooBig = checkYamlLimits(yamlText);
  if (tooBig) return { value: null, diagnostics: [diagnostic('SCN004', { file, line: tooBig.line, column: tooBig.column }, msg('diag.SCN004.detail', { detail: tooBig.message }))] };
  const lines = new LineCounter();
  // Warnings would go to the console; errors become SCN001.
  const doc = parseDocument(yamlText, { lineCounter: lines, prettyErrors: false, logLevel: 'error' });
  if (doc.errors.length) {
    const e = doc.errors[0]!;
    const pos = lines.linePos(e.pos[0]);
    return { value: null, diagnostics: [diagnostic('SCN001', { file, line: pos.line, column: pos.col }, msg('diag.SCN001.scenarioYamlValidYaml', { detail: e.message.split('\n')[0] ?? '' }))] };
  }
  const reader = new Reader(doc, lines, file);
  const diagnostics: Diagnostic[] = [];
  let js: unknown;
  try {
    js = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    return { value: null, diagnostics: [diagnostic('SCN001', { file, line: 1, column: 1 }, msg('diag.SCN001.scenarioYamlValidYaml', { detail: (e as Error).message.split('\n')[0] ?? '' }))] };
  }
  try {
    const value = readScenario(id, js, files, reader, diagnostics);
    return { value, diagnostics };
  } catch (e) {
    if (!(e instanceof SchemaError)) throw e;
    const span = (e as SchemaError & { span: SourceSpan }).span;
    return { value: null, diagnostics: [...diagnostics, diagnostic('SCN002', span, msg('diag.SCN002.detail', { detail: e.message }))] };
  }
}

function readScenario(id: string, doc: unknown, files: Record<string, string>, r: Reader, diagnostics: Diagnostic[]): Scenario {
  if (!isRecord(doc)) r.fail([], 'scenario.yaml must be a mapping with title, inputs and packets.');
  if (doc.title === undefined || doc.title === '') r.fail(['title'], '"title" is required.');
  const title = r.text(doc.title, ['title']);
  const summary = doc.summary === undefined ? '' : r.text(doc.summary, ['summary']);
  const level = str(doc.level) ?? 'beginner';
  if (!LEVELS.includes(level as Level)) r.fail(['level'], `must be one of ${LEVELS.join(', ')}.`);

  const inputs: InputFile[] = [];
  for (const [i, raw] of r.list(doc.inputs, ['inputs']).entries()) {
    if (!isRecord(raw) || !str(raw.file)) r.fail(['inputs', i], 'needs a "file".');
    const path = str(raw.file)!;
    // Own files only: a path such as "__proto__" or "constructor" must not reach Object.prototype.
    const text = Object.hasOwn(files, path) ? files[path] : undefined;
    if (typeof text !== 'string') {
      diagnostics.push(diagnostic('SCN003', r.span(['inputs', i, 'file']), msg('diag.SCN003.inputsFileMissingFrom', { i, path })));
      continue;
    }
    const input: InputFile = { name: `${id}/${path}`, text };
    if (str(raw.node)) input.node = str(raw.node)!;
    if (str(raw.netns)) input.netns = str(raw.netns)!;
    const format = str(raw.format);
    if (format !== undefined) {
      if (!FORMATS.includes(format as InputFormat)) r.fail(['inputs', i, 'format'], `must be one of ${FORMATS.join(', ')}.`);
      input.format = format as InputFormat;
    }
    inputs.push(input);
  }
  if (inputs.length === 0 && diagnostics.length === 0) r.fail(['inputs'], '"inputs" must list at least one dump file.');

  const packets: ScenarioPacket[] = [];
  for (const [i, raw] of r.list(doc.packets, ['packets']).entries()) {
    if (!isRecord(raw) || !str(raw.from) || !str(raw.packet)) r.fail(['packets', i], 'needs "from" and "packet".');
    const p: ScenarioPacket = { name: str(raw.name) ?? `packet ${i + 1}`, from: str(raw.from)!, packet: str(raw.packet)! };
    if (raw.in !== undefined) {
      if (!str(raw.in)) r.fail(['packets', i, 'in'], 'must name an interface of "from".');
      p.in = str(raw.in)!;
    }
    if (isRecord(raw.choices)) {
      p.choices = Object.create(null) as Record<string, string>;
      for (const [k, v] of Object.entries(raw.choices)) if (typeof v === 'string') p.choices[k] = v;
    }
    packets.push(p);
  }
  if (packets.length === 0) r.fail(['packets'], '"packets" must describe at least one packet.');

  const packetName = (v: unknown, path: Path): string => {
    if (v === undefined) return packets[0]!.name;
    if (typeof v !== 'string' || !packets.some((p) => p.name === v)) r.fail(path, `must name one of the packets (${packets.map((p) => p.name).join(', ')}).`);
    return v;
  };

  const narration: ScenarioNarration[] = r.list(doc.narration, ['narration']).map((raw, i) => {
    const path = ['narration', i];
    if (!isRecord(raw)) r.fail(path, 'must be a mapping with "at" and "text".');
    return {
      packet: packetName(raw.packet, [...path, 'packet']),
      at: r.anchor(raw.at, [...path, 'at']),
      text: r.text(raw.text, [...path, 'text']),
      optional: raw.optional === true,
      span: r.span(path),
    };
  });

  const ids = new Set<string>();
  const questions: ScenarioQuestion[] = r.list(doc.questions, ['questions']).map((raw, i) => {
    const path = ['questions', i];
    if (!isRecord(raw)) r.fail(path, 'must be a mapping with id, kind, at, prompt, choices and explanation.');
    const qid = str(raw.id);
    if (!qid) r.fail([...path, 'id'], 'needs an "id".');
    if (ids.has(qid)) r.fail([...path, 'id'], `the id "${qid}" is used twice.`);
    ids.add(qid);
    const kind = str(raw.kind) as QuestionKind;
    if (!QUESTION_KINDS.includes(kind)) r.fail([...path, 'kind'], `must be one of ${QUESTION_KINDS.join(', ')}.`);
    const rawChoices = r.list(raw.choices, [...path, 'choices']);
    if (rawChoices.length < 2) r.fail([...path, 'choices'], 'needs at least two choices.');
    const choices = rawChoices.map((c, j): QuestionChoice => {
      const cpath = [...path, 'choices', j];
      if (!isRecord(c)) r.fail(cpath, 'must be a mapping with "text".');
      const choice: QuestionChoice = { text: r.text(c.text, [...cpath, 'text']) };
      if (kind === 'next-hop') {
        if (c.hop === undefined) r.fail(cpath, 'a next-hop choice needs "hop" (an anchor).');
        choice.hop = r.anchor(c.hop, [...cpath, 'hop']);
      } else {
        if (!Array.isArray(c.fields)) r.fail(cpath, 'a field choice needs "fields" (a list, empty for "nothing changes").');
        choice.fields = strings(c.fields);
      }
      return choice;
    });
    return {
      id: qid,
      packet: packetName(raw.packet, [...path, 'packet']),
      kind,
      at: r.anchor(raw.at, [...path, 'at']),
      prompt: r.text(raw.prompt, [...path, 'prompt']),
      choices,
      explanation: r.text(raw.explanation, [...path, 'explanation']),
      span: r.span(path),
    };
  });

  return {
    id,
    title,
    summary,
    level: level as Level,
    datapath: str(doc.datapath) ?? 'unknown',
    topics: strings(doc.topics),
    goals: r.texts(doc.goals, ['goals']),
    inputs,
    packets,
    narration,
    questions,
  };
}
