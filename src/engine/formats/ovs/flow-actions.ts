/**
 * OpenFlow action lists as `ovs-ofctl` prints them (`ofpacts_format`): actions separated by commas
 * at parenthesis depth 0, each `name`, `name:arg` or `name(args)[suffix]`, where the arguments
 * nest (`ct(commit,exec(load:0x1->NXM_NX_CT_MARK[]),nat(src=169.254.169.2))`). One pass per level,
 * linear in the text; quotes (port names) are respected.
 */
import { diagnostic, type Diagnostic } from '../../diagnostics';
import type { OvsAction, OvsActionArg } from './types';

/** Where action spans point: the file, line and 1-based column of the text's first character. */
export interface ActionContext {
  file: string;
  line: number;
  column: number;
  diags: Diagnostic[];
}

/** Actions whose arguments are themselves an action list. */
const ACTION_LISTS = new Set(['exec', 'clone', 'write_actions', 'apply_actions']);

/**
 * Splits `text` at `separators` found outside quotes and parentheses. Returns each non-empty
 * piece with its offset. `unbalanced` is true when a parenthesis or quote is left open.
 */
export function splitTopLevel(text: string, separators: string, keepEmpty = false): { pieces: { text: string; offset: number }[]; unbalanced: boolean } {
  const pieces: { text: string; offset: number }[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  const push = (end: number) => {
    if (keepEmpty || end > start) pieces.push({ text: text.slice(start, end), offset: start });
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '\\') i++;
      else if (c === '"') quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === '(') depth++;
    else if (c === ')') depth = Math.max(0, depth - 1);
    else if (depth === 0 && separators.includes(c)) {
      push(i);
      start = i + 1;
    }
  }
  push(text.length);
  return { pieces, unbalanced: quoted || depth > 0 };
}

/** The index of the parenthesis closing the one at `open`, or -1. */
function matchingParen(text: string, open: number): number {
  let depth = 0;
  let quoted = false;
  for (let i = open; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '\\') i++;
      else if (c === '"') quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
  }
  return -1;
}

/** The first index of `ch` outside quotes and parentheses, or -1. */
function topIndexOf(text: string, ch: string): number {
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '\\') i++;
      else if (c === '"') quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (depth === 0 && c === ch) return i;
  }
  return -1;
}

function parseAction(text: string, column: number, ctx: ActionContext, depth: number): OvsAction {
  const span = { file: ctx.file, line: ctx.line, column, endColumn: column + text.length };
  const paren = text.indexOf('(');
  const colon = text.indexOf(':');
  const quote = text.indexOf('"');
  if (paren > 0 && (colon < 0 || paren < colon) && (quote < 0 || paren < quote)) {
    // An unclosed parenthesis takes the rest as arguments; parseFlowActions reports it once.
    const close = matchingParen(text, paren);
    const inner = close < 0 ? text.slice(paren + 1) : text.slice(paren + 1, close);
    const action: OvsAction = { name: text.slice(0, paren), argText: inner, args: [], text, span };
    if (depth < 32) action.args = parseArgs(inner, column + paren + 1, ctx, ACTION_LISTS.has(action.name), depth + 1);
    const suffix = close < 0 ? '' : text.slice(close + 1);
    if (suffix !== '') action.suffix = suffix;
    return action;
  }
  if (colon > 0 && (quote < 0 || colon < quote)) return { name: text.slice(0, colon), argText: text.slice(colon + 1), args: [], text, span };
  return { name: text, argText: '', args: [], text, span };
}

function parseArgs(inner: string, column: number, ctx: ActionContext, actionList: boolean, depth: number): OvsActionArg[] {
  const args: OvsActionArg[] = [];
  if (inner.trim() === '') return args;
  // Keep empty arguments: `resubmit(,2)` has an empty in_port before the table.
  for (const p of splitTopLevel(inner, ',', true).pieces) {
    const text = p.text.trim();
    const col = column + p.offset + (p.text.length - p.text.trimStart().length);
    const eq = topIndexOf(text, '=');
    const paren = text.indexOf('(');
    if (text !== '' && (actionList || (paren > 0 && (eq < 0 || paren < eq)))) {
      args.push({ kind: 'action', action: parseAction(text, col, ctx, depth) });
    } else if (eq > 0) {
      args.push({ kind: 'param', key: text.slice(0, eq), value: text.slice(eq + 1) });
    } else {
      args.push({ kind: 'flag', text });
    }
  }
  return args;
}

/**
 * Parses the text after `actions=` into a list of action trees.
 *
 * @example parseFlowActions('ct(commit,table=2,zone=64001,nat(src=169.254.169.2))', ctx)[0].args[3];
 * // { kind: 'action', action: { name: 'nat', args: [{ kind: 'param', key: 'src', value: '169.254.169.2' }], ... } }
 */
export function parseFlowActions(text: string, ctx: ActionContext): OvsAction[] {
  const { pieces, unbalanced } = splitTopLevel(text, ',');
  if (unbalanced) {
    ctx.diags.push(diagnostic('OVS006', { file: ctx.file, line: ctx.line, column: ctx.column, endColumn: ctx.column + text.length }, undefined, 'warning'));
  }
  const out: OvsAction[] = [];
  for (const p of pieces) {
    const lead = p.text.length - p.text.trimStart().length;
    const t = p.text.trim();
    if (t !== '') out.push(parseAction(t, ctx.column + p.offset + lead, ctx, 0));
  }
  return out;
}
