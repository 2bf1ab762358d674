/**
 * kubectl's text tables. kubectl pads with `tabwriter` (padding 3) and left-aligns every
 * column, so each cell starts where its header name starts. Names and values may contain
 * single spaces (`NOMINATED NODE`, `2 (5m ago)`, `Ubuntu 22.04.4 LTS`), so offsets from the header
 * are the reliable way to cut a row. Rows that do not line up (a paste that collapsed the
 * padding) are cut at whitespace instead, gluing `(…)` groups to the word before them.
 */
import { diagnostic, type Diagnostic, type SourceSpan } from '../../diagnostics';
import { isPromptOrNoise, tokenizeLine, type Token } from '../ip-link/text-lines';
import { msg } from '../../explain/message';

/** A cell's text and its 1-based columns in the line (`endColumn` exclusive). */
export interface Cell { text: string; column: number; endColumn: number }

export interface TableRow {
  line: number;
  /** Cells by header name (`NAME`, `PORT(S)`, `NOMINATED NODE`, ...). */
  cells: Map<string, Cell>;
  span: SourceSpan;
}

export interface TableSpec {
  /** Which table this is, for messages: `pods`, `services`, `nodes`. */
  what: string;
  /** True when `names` (a header's column names) is this kind of table. */
  isHeader(names: ReadonlySet<string>): boolean;
  /** The one column whose values may hold spaces even when rows do not line up. */
  spacey?: string;
}

const TWO_WORD_NAMES = new Set(['NOMINATED NODE', 'READINESS GATES']);

function isHeaderWord(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // A-Z 0-9 - ( ) _ / .
    if (!((c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 45 || c === 40 || c === 41 || c === 95 || c === 47 || c === 46)) return false;
  }
  return text.length > 0;
}

/** The columns of a header line, or null when the line is not a kubectl header. @example headerColumns(tokenizeLine('NAME   NOMINATED NODE')); // [{ text: 'NAME', column: 1, ... }, { text: 'NOMINATED NODE', column: 8, ... }] */
export function headerColumns(tokens: Token[]): Cell[] | null {
  if (!tokens.every((t) => isHeaderWord(t.text)) || !tokens.some((t) => t.text === 'NAME')) return null;
  const columns: Cell[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const next = tokens[i + 1];
    if (next && next.column === t.endColumn + 1 && TWO_WORD_NAMES.has(`${t.text} ${next.text}`)) {
      columns.push({ text: `${t.text} ${next.text}`, column: t.column, endColumn: next.endColumn });
      i++;
    } else {
      columns.push({ text: t.text, column: t.column, endColumn: t.endColumn });
    }
  }
  return columns;
}

/** Drops ANSI escape sequences (`ESC [ params final`) and turns tabs into spaces, in one pass. */
function plain(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x1b) {
      if (s.charCodeAt(i + 1) === 0x5b) {
        i += 2;
        while (i < s.length && !(s.charCodeAt(i) >= 0x40 && s.charCodeAt(i) <= 0x7e)) i++;
      } else i++;
    } else out += c === 9 ? ' ' : s[i];
  }
  return out;
}

/** Cuts a row at the header's column starts; null when the row does not line up with them. */
function cutByOffsets(s: string, columns: Cell[]): Cell[] | null {
  const cells: Cell[] = [];
  for (let k = 0; k < columns.length; k++) {
    const start = columns[k]!.column - 1;
    if (start >= s.length || s.charCodeAt(start) === 32 || (start > 0 && s.charCodeAt(start - 1) !== 32)) return null;
    const end = k + 1 < columns.length ? Math.min(columns[k + 1]!.column - 1, s.length) : s.length;
    const text = s.slice(start, end).trimEnd();
    cells.push({ text, column: start + 1, endColumn: start + 1 + text.length });
  }
  return cells;
}

/** Whitespace words, with `(5m ago)`-style groups glued to the word before them. */
function words(tokens: Token[], s: string): Cell[] {
  const out: Cell[] = [];
  let open = false;
  for (const t of tokens) {
    const last = out[out.length - 1];
    if (last && (open || t.text.startsWith('('))) {
      last.endColumn = t.endColumn;
      last.text = s.slice(last.column - 1, last.endColumn - 1);
      open = !t.text.endsWith(')');
    } else {
      out.push({ text: t.text, column: t.column, endColumn: t.endColumn });
      open = false;
    }
  }
  return out;
}

/** Cuts a row that does not line up: word by word, the spacey column taking any extra words. */
function cutByWords(tokens: Token[], s: string, columns: Cell[], spacey: string | undefined): Cell[] | null {
  const ws = words(tokens, s);
  if (ws.length === columns.length) return ws;
  const at = spacey === undefined ? -1 : columns.findIndex((c) => c.text === spacey);
  if (at < 0 || ws.length < columns.length) return null;
  const extra = ws.length - columns.length;
  const first = ws[at]!;
  const last = ws[at + extra]!;
  const merged = { text: s.slice(first.column - 1, last.endColumn - 1), column: first.column, endColumn: last.endColumn };
  return [...ws.slice(0, at), merged, ...ws.slice(at + extra + 1)];
}

/**
 * Reads every row of the tables of kind `spec` in `text`. Other kubectl tables in the same
 * paste are skipped with one info; prompts, fences and `No resources found` lines are skipped.
 *
 * @example
 * readTable('NAME   READY   STATUS\nweb-1  1/1     Running\n', 'f', podSpec, []);
 * // [{ line: 2, cells: Map { 'NAME' => { text: 'web-1', ... }, 'READY' => ..., 'STATUS' => ... } }]
 */
export function readTable(text: string, file: string, spec: TableSpec, diags: Diagnostic[]): TableRow[] {
  const rows: TableRow[] = [];
  let columns: Cell[] | null = null;
  let foreign = false; // inside another kind of kubectl table
  let notedForeign = false;
  let start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (let line = 1; start <= text.length; line++) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    let s = text.slice(start, end);
    start = end + 1;
    if (s.endsWith('\r')) s = s.slice(0, -1);
    // Colour codes and tabs would shift offsets; keep the line's length so spans stay inside it.
    if (s.indexOf('\x1b') >= 0 || s.indexOf('\t') >= 0) s = plain(s);
    const tokens = tokenizeLine(s);
    if (tokens.length === 0 || isPromptOrNoise(tokens)) continue;
    const span = { file, line, column: tokens[0]!.column, endColumn: tokens[tokens.length - 1]!.endColumn };
    const header = headerColumns(tokens);
    if (header) {
      const names = new Set(header.map((c) => c.text));
      foreign = !spec.isHeader(names);
      columns = foreign ? null : header;
      continue;
    }
    if (tokens[0]!.text === 'No' && tokens[1]?.text === 'resources') continue;
    if (foreign) {
      if (!notedForeign) diags.push(diagnostic('KUB006', span, msg('diag.KUB006.rowsAnotherKubectlTable', { specWhat: spec.what }), 'info'));
      notedForeign = true;
      continue;
    }
    if (!columns) {
      diags.push(diagnostic('KUB001', span, msg('diag.KUB001.rowAppearsBeforeAny', { specWhat: spec.what }), 'warning',
        msg('diag.hint.pasteHeaderLineName')));
      continue;
    }
    const cells = cutByOffsets(s, columns) ?? cutByWords(tokens, s, columns, spec.spacey);
    if (!cells) {
      diags.push(diagnostic('KUB002', span, msg('diag.KUB002.rowDoesFitColumns', { columnsLength: columns.length, specWhat: spec.what }), 'warning'));
      continue;
    }
    const map = new Map<string, Cell>();
    columns.forEach((c, k) => map.set(c.text, cells[k]!));
    rows.push({ line, cells: map, span });
  }
  return rows;
}
