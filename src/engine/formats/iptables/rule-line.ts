/**
 * One `-A CHAIN ...` (or `-I CHAIN [N] ...`) line, as both iptables-save and `iptables -S`
 * write it: the chain name, the parsed body, the rule's text and span.
 */
import { diagnostic, type Diagnostic } from '../../diagnostics';
import type { SourceLine } from './lines';
import type { FamilyFlags } from './basic-match';
import { checkRuleTokens, isOptionLike, parseRuleTokens, type RuleCheck } from './parse-rule';
import type { RuleDraft } from './ruleset-builder';
import type { Token } from './tokenize';
import type { Counters } from './types';
import { msg } from '../../explain/message';

export const APPEND_COMMANDS = new Set(['-A', '--append', '-I', '--insert']);

export interface RuleLine {
  chain: string;
  chainToken: Token;
  /** For `-I CHAIN N`: insert before rule N (1 when N is absent). */
  insertAt?: number;
  draft: RuleDraft;
  families: FamilyFlags;
}

/**
 * Reads the rule whose command word is `tokens[cmdIndex]`. Returns null (after IPT006) when the
 * chain name is missing; everything else is recovered into the draft.
 */
export function parseRuleLine(
  line: SourceLine,
  tokens: Token[],
  cmdIndex: number,
  file: string,
  diagnostics: Diagnostic[],
  options: { counters?: Counters; shellComments?: boolean } = {},
): RuleLine | null {
  const bodyAt = ruleBodyStart(line, tokens, cmdIndex, file, diagnostics);
  if (bodyAt < 0) return null;
  const cmd = tokens[cmdIndex] as Token;
  const chainToken = tokens[cmdIndex + 1] as Token;
  const body = parseRuleTokens(tokens, bodyAt, { file, line: line.number, diagnostics, shellComments: options.shellComments });
  const draft: RuleDraft = {
    span: { file, line: line.number, column: cmd.column, endColumn: line.end + 1 },
    text: line.text.slice(cmd.column - 1, line.end),
    matches: body.matches,
    target: body.target,
  };
  const counters = body.counters ?? options.counters;
  if (counters) draft.counters = counters;
  const result: RuleLine = { chain: chainToken.text, chainToken, draft, families: body.families };
  const insertAt = insertPosition(tokens, cmdIndex);
  if (insertAt !== undefined) result.insertAt = insertAt;
  return result;
}

/** `parseRuleLine`'s diagnostics without building the rule (see `checkRuleTokens`); null as it. */
export function checkRuleLine(line: SourceLine, tokens: Token[], cmdIndex: number, file: string, diagnostics: Diagnostic[]): RuleCheck | null {
  const bodyAt = ruleBodyStart(line, tokens, cmdIndex, file, diagnostics);
  return bodyAt < 0 ? null : checkRuleTokens(tokens, bodyAt, { file, line: line.number, diagnostics });
}

/** Where the rule's options start (after the chain, and the position of `-I`), or -1 after IPT006. */
function ruleBodyStart(line: SourceLine, tokens: Token[], cmdIndex: number, file: string, diagnostics: Diagnostic[]): number {
  const cmd = tokens[cmdIndex];
  if (!cmd) return -1;
  const chainToken = tokens[cmdIndex + 1];
  if (!chainToken || isOptionLike(chainToken) || chainToken.text === '') {
    diagnostics.push(diagnostic('IPT006', { file, line: line.number, column: cmd.column, endColumn: cmd.endColumn }, msg('diag.IPT006.missingChainName', { cmdText: cmd.text })));
    return -1;
  }
  return cmdIndex + 2 + (isInsert(cmd) && isPosition(tokens[cmdIndex + 2]) ? 1 : 0);
}

function isInsert(cmd: Token): boolean {
  return cmd.text === '-I' || cmd.text === '--insert';
}

function isPosition(t: Token | undefined): t is Token {
  return t !== undefined && /^\d{1,9}$/.test(t.text);
}

/** For `-I CHAIN N`: insert before rule N (1 when N is absent); undefined for `-A`. */
function insertPosition(tokens: Token[], cmdIndex: number): number | undefined {
  if (!isInsert(tokens[cmdIndex] as Token)) return undefined;
  const num = tokens[cmdIndex + 2];
  return isPosition(num) ? Math.max(1, Number(num.text)) : 1;
}

/** `[12:345]` → counters; null when the word is not in that form. */
export function parseCounterWord(text: string): Counters | null {
  if (text.length < 5 || !text.startsWith('[') || !text.endsWith(']')) return null;
  const colon = text.indexOf(':');
  const p = text.slice(1, colon);
  const b = text.slice(colon + 1, -1);
  if (colon < 0 || !/^\d{1,20}$/.test(p) || !/^\d{1,20}$/.test(b)) return null;
  return { packets: Number(p), bytes: Number(b) };
}
