/**
 * The free text after the address columns of an `iptables -L` row (`[goto]`, each match's print
 * form, then the target's) recovered into the same Match/Option structures iptables-save gives.
 * Each module's print form comes from its `extensions/libxt_*.c` print function. Text that no
 * reader recognises is kept: as a target option `text` when it starts with the target's name
 * (`CONNMARK restore`), otherwise as an `unparsed` module, so the simulator marks the rule
 * "not simulated" instead of matching more than iptables would.
 */
import { diagnostic, type Diagnostic, type SourceSpan } from '../../diagnostics';
import { UNPARSED_LIST_MODULE } from './extensions';
import { readListMatch } from './list-matches';
import { readTargetInfo } from './list-target';
import { splitWords, type Token } from './tokenize';
import type { ModuleMatch, Option } from './types';
import { msg } from '../../explain/message';

export interface ListExtras {
  matches: ModuleMatch[];
  targetOptions: Option[];
  goto: boolean;
  /** First words of text that could not be recovered (for one warning per kind per file). */
  unparsed: { word: string; span: SourceSpan }[];
}

export interface ListExtrasContext {
  file: string;
  line: number;
  diagnostics: Diagnostic[];
}

/**
 * Reads `line[from..to)`. `target` is the row's target column (null when blank).
 *
 * @example
 * readListExtras('... /* ns/svc:http *\/ tcp dpt:80 to:10.244.1.5:8080', 4, 60, 'DNAT', ctx).targetOptions[0]?.name; // 'to-destination'
 */
export function readListExtras(line: string, from: number, to: number, target: string | null, ctx: ListExtrasContext): ListExtras {
  const { file } = ctx;
  const words = splitWords(line, from, to);
  const span = (a: Token, b: Token): SourceSpan => ({ file, line: ctx.line, column: a.column, endColumn: b.endColumn });
  const out: ListExtras = { matches: [], targetOptions: [], goto: false, unparsed: [] };
  let run: Token[] = [];
  let neg: Token | null = null;

  const flushRun = (): void => {
    const first = run[0];
    const last = run[run.length - 1];
    if (first && last) {
      const text = line.slice(first.column - 1, last.endColumn - 1);
      const s = span(first, last);
      if (target !== null && first.text === target) out.targetOptions.push({ name: 'text', negate: false, args: [text], span: s });
      else out.matches.push({ kind: 'module', module: UNPARSED_LIST_MODULE, implicit: false, options: [{ name: 'text', negate: false, args: [text], span: s }], span: { ...s } });
      out.unparsed.push({ word: first.text, span: s });
    }
    run = [];
  };

  let k = 0;
  while (k < words.length) {
    const w = words[k] as Token;
    if (w.text === '[goto]' && k === 0) {
      out.goto = true;
      k++;
      continue;
    }
    if (w.text.startsWith('/*')) {
      flushRun();
      k = readComment(line, words, k, out, span);
      neg = null;
      continue;
    }
    if (w.text === '!' && k + 1 < words.length) {
      flushRun();
      neg = w;
      k++;
      continue;
    }
    const info = target === null ? null : readTargetInfo(line, words, k, target, span);
    if (info) {
      flushRun();
      out.targetOptions.push(...info.options);
      k = info.next;
      continue;
    }
    const match = readListMatch(words, k, neg, out.matches, { file, line: ctx.line, diagnostics: ctx.diagnostics });
    if (match !== null) {
      flushRun();
      k = match;
      neg = null;
      continue;
    }
    // Target text starts where the target's name is printed again (`CONNMARK restore …`).
    if (target !== null && w.text === target && run.length > 0) flushRun();
    if (neg) run.push(neg);
    neg = null;
    run.push(w);
    k++;
  }
  if (neg) run.push(neg);
  flushRun();
  return out;
}

/** `/* text *\/`: the comment is printed raw between `/* ` and ` *\/`, so it may hold spaces. */
function readComment(line: string, words: Token[], k: number, out: ListExtras, span: (a: Token, b: Token) => SourceSpan): number {
  const w = words[k] as Token;
  const start = w.column - 1;
  let close = line.indexOf(' */', start + 2);
  let closeLen = 3;
  if (close < 0) {
    close = line.indexOf('*/', start + 2);
    closeLen = 2;
  }
  if (close < 0) close = line.length;
  const end = Math.min(line.length, close + closeLen);
  const text = line.slice(Math.min(start + 3, close), close);
  let last = k;
  while (words[last + 1] && (words[last + 1] as Token).column - 1 < end) last++;
  const s = span(w, words[last] as Token);
  const option: Option = { name: 'comment', negate: false, args: [text], span: s };
  out.matches.push({ kind: 'module', module: 'comment', implicit: false, options: [option], span: { ...s } });
  return last + 1;
}

/** Reports recovered-text gaps once per distinct first word per file. */
export function reportUnparsed(extras: ListExtras, seen: Set<string>, diagnostics: Diagnostic[]): void {
  for (const u of extras.unparsed) {
    if (seen.has(u.word)) continue;
    seen.add(u.word);
    diagnostics.push(diagnostic('IPT014', u.span, msg('diag.IPT014.iptablesLTextCould', { uWord: u.word }), 'warning', msg('diag.hint.useIptablesSaveIptables')));
  }
}
