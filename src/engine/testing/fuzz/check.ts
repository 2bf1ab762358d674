/**
 * What every parse must hold on any input: it returns (never throws), every diagnostic names the
 * input and a place inside it, and every span in the parsed value lies inside the text. Works on
 * any parser's value by walking it for `{ file, line, column }` objects, so a new format needs
 * no code here. Test-only.
 */
import type { ParseResult, SourceSpan } from '../../diagnostics';

export interface ParseCheck {
  /** Problems found; empty when the parse holds every property. */
  problems: string[];
  result?: ParseResult<unknown>;
}

function isSpan(v: object): v is SourceSpan {
  const s = v as Partial<SourceSpan>;
  return typeof s.file === 'string' && typeof s.line === 'number' && typeof s.column === 'number';
}

/** Every span-like object reachable from `value` (iteratively: values may nest thousands deep). */
export function spansIn(value: unknown): SourceSpan[] {
  const out: SourceSpan[] = [];
  const seen = new Set<object>();
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v !== 'object' || v === null || seen.has(v)) continue;
    seen.add(v);
    if (isSpan(v)) out.push(v);
    if (v instanceof Map) for (const x of v.values()) stack.push(x);
    else if (v instanceof Set) for (const x of v) stack.push(x);
    else for (const x of Object.values(v)) stack.push(x);
  }
  return out;
}

/** Describes a span that does not lie inside `lines` (1-based lines; columns up to length + 1). */
function outside(lines: string[], s: SourceSpan): string | null {
  const line = lines[s.line - 1];
  const max = (line?.length ?? -1) + 1;
  const end = s.endColumn ?? s.column;
  const ok = Number.isInteger(s.line) && Number.isInteger(s.column) && line !== undefined && s.column >= 1 && s.column <= max && end >= s.column && end <= max;
  return ok ? null : `${s.line}:${s.column}-${String(s.endColumn)} (line has ${line?.length ?? 'no'} chars)`;
}

/** Runs `parse` on `text` and lists every broken property (a throw is one). */
export function checkParse(parse: (text: string, file: string) => ParseResult<unknown>, text: string, file = 'fuzz'): ParseCheck {
  let result: ParseResult<unknown>;
  try {
    result = parse(text, file);
  } catch (e) {
    return { problems: [`threw: ${e instanceof Error ? `${e.name}: ${e.message}\n${e.stack ?? ''}` : String(e)}`] };
  }
  const problems: string[] = [];
  if (!result || !Array.isArray(result.diagnostics)) return { problems: ['returned no diagnostics array'] };
  const lines = text.split('\n');
  for (const d of result.diagnostics) {
    if (!d.file.startsWith(file)) problems.push(`diagnostic ${d.code} names file "${d.file}", not "${file}"`);
    if (typeof d.message !== 'string' || d.message === '') problems.push(`diagnostic ${d.code} has no message`);
    const bad = outside(lines, d);
    if (bad) problems.push(`diagnostic ${d.code} outside the text: ${bad}`);
  }
  for (const s of spansIn(result.value)) {
    if (s.file !== file) continue;
    const bad = outside(lines, s);
    if (bad) problems.push(`value span outside the text: ${bad}`);
  }
  return { problems, result };
}
