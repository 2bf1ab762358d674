/**
 * `ip rule` → `PolicyRule[]`. Layout from iproute2's `print_rule`:
 * `PRIO:\t[not ]from all|A[/P] [to A[/P]] [tos T] [fwmark 0xV[/0xM]] [iif IF [[detached]]]
 *  [oif IF [[detached]]] [uidrange a-b] [ipproto P] [sport|dport N] lookup T [suppress_prefixlength N]
 *  | goto N | nop | blackhole | unreachable | prohibit`.
 */
import { diagnostic, type Diagnostic, type ParseResult } from '../../diagnostics';
import { parseIpv4Net } from '../../net/ipv4';
import { headerIndex } from '../ip-link/link-header';
import { forEachTokenLine, isPromptOrNoise, lineSpan, looksLikeIpv6, parseUint32, tokenSpan, type Token } from '../ip-link/text-lines';
import { normalizeTable } from './route-line';
import type { PolicyRule } from './types';
import { msg } from '../../explain/message';

// Selectors PolicyRule cannot hold: ignoring them makes the rule match more than it does.
const UNREPRESENTED_SELECTORS = new Set(['tos', 'dsfield', 'uidrange', 'ipproto', 'sport', 'dport', 'realms', 'l3mdev', 'suppress_ifgroup', 'dscp', 'flowlabel']);
const REJECT_ACTIONS = new Set(['blackhole', 'unreachable', 'prohibit']);
// Words with one value that do not affect matching (`proto kernel` with -d).
const IGNORED_VALUE_WORDS = new Set(['proto', 'protocol', 'map-to']);

type Ctx = { file: string; line: number; diags: Diagnostic[]; ipv6: () => void };

/** Reads `from`/`to` values; `all` is no selector. */
function readNet(rule: PolicyRule, key: 'from' | 'to', tok: Token, ctx: Ctx): 'ok' | 'ipv6' | 'invalid' {
  if (tok.text === 'all') return 'ok';
  if (looksLikeIpv6(tok.text.split('/')[0]!)) return 'ipv6';
  const net = parseIpv4Net(tok.text);
  if (!net) {
    ctx.diags.push(diagnostic('RT002', tokenSpan(ctx.file, ctx.line, tok), msg('diag.RT002.invalidPrefixRuleSkipped', { key, tokText: tok.text })));
    return 'invalid';
  }
  rule[key] = net;
  return 'ok';
}

/** Reads `fwmark V[/M]` (mask defaults to 0xffffffff); false when unreadable. */
function readFwmark(rule: PolicyRule, tok: Token, ctx: Ctx): boolean {
  const slash = tok.text.indexOf('/');
  const value = parseUint32(slash < 0 ? tok.text : tok.text.slice(0, slash));
  const mask = slash < 0 ? 0xffffffff : parseUint32(tok.text.slice(slash + 1));
  if (value === null || mask === null) {
    ctx.diags.push(diagnostic('RT001', tokenSpan(ctx.file, ctx.line, tok), msg('diag.RT001.invalidFwmarkRuleSkipped', { tokText: tok.text })));
    return false;
  }
  rule.fwmark = { value, mask };
  return true;
}

/** One rule line; null when it is not a usable IPv4 rule (diagnostics say why). */
function parseRuleLine(tokens: Token[], priority: number, ctx: Ctx): PolicyRule | null {
  const { file, line, diags } = ctx;
  const rule: PolicyRule = { priority, not: false, action: 'lookup', span: lineSpan(file, line, tokens) };
  let hasAction = false;
  const unknown: Token[] = [];
  for (let i = 1; i < tokens.length; i++) {
    const tok = tokens[i]!;
    const word = tok.text;
    const next = tokens[i + 1];
    if (word === 'not') rule.not = true;
    else if (word === '[detached]' || word === '[unresolved]') continue;
    else if (REJECT_ACTIONS.has(word) || word === 'nop') {
      rule.action = word as PolicyRule['action'];
      hasAction = true;
    } else if (!next) {
      diags.push(diagnostic('RT001', tokenSpan(file, line, tok), msg('diag.RT001.missingValue', { word }), 'warning'));
    } else {
      i++;
      // An unreadable selector would make the rule match more than it does: skip the rule.
      if (word === 'from' || word === 'to') {
        const read = readNet(rule, word, next, ctx);
        if (read === 'ipv6') ctx.ipv6();
        if (read !== 'ok') return null;
      } else if (word === 'fwmark') {
        if (!readFwmark(rule, next, ctx)) return null;
      } else if (word === 'iif' || word === 'dev') rule.iif = next.text;
      else if (word === 'oif') rule.oif = next.text;
      else if (word === 'lookup' || word === 'table') {
        rule.table = normalizeTable(next.text);
        hasAction = true;
      } else if (word === 'goto') {
        rule.action = 'goto';
        hasAction = true;
        diags.push(diagnostic('RT001', lineSpan(file, line, tokens),
          msg('diag.RT001.gotoGotoTargetKept', { nextText: next.text }), 'info'));
      } else if (word === 'suppress_prefixlength') {
        diags.push(diagnostic('RT001', tokenSpan(file, line, tok),
          msg('diag.RT001.suppressPrefixlengthKeptRoutes', { nextText: next.text }), 'info'));
      } else if (UNREPRESENTED_SELECTORS.has(word)) {
        diags.push(diagnostic('RT001', tokenSpan(file, line, tok),
          msg('diag.RT001.selectorModelledRuleTreated', { word, nextText: next.text }), 'warning'));
      } else if (!IGNORED_VALUE_WORDS.has(word)) {
        i--;
        unknown.push(tok);
      }
    }
  }
  // One diagnostic per line, however many words it could not read.
  const first = unknown[0];
  if (first) {
    const more = unknown.length > 1 ? msg('diag.andMore', { count: unknown.length - 1 }) : '';
    diags.push(diagnostic('RT001', { ...tokenSpan(file, line, first), endColumn: unknown[unknown.length - 1]!.endColumn },
      msg('diag.RT001.ruleWordUnderstoodIgnored', { firstText: first.text, more }), 'warning'));
  }
  if (!hasAction) {
    diags.push(diagnostic('RT001', lineSpan(file, line, tokens), msg('diag.RT001.ruleWithoutActionLookup')));
    return null;
  }
  return rule;
}

/**
 * Parses `ip rule [show]` output. IPv6 rules are skipped with one info diagnostic; shell
 * prompts are skipped. Never throws.
 *
 * @example
 * parseIpRule('0:\tfrom all lookup local\n9:\tfrom all fwmark 0x200/0xf00 lookup 2004\n', 'rules.txt')
 *   .value[1]; // { priority: 9, fwmark: { value: 0x200, mask: 0xf00 }, table: '2004', action: 'lookup', ... }
 */
export function parseIpRule(text: string, file: string): ParseResult<PolicyRule[]> {
  const diags: Diagnostic[] = [];
  const rules: PolicyRule[] = [];
  let notedIpv6 = false;
  forEachTokenLine(text, (line, tokens) => {
    const span = lineSpan(file, line, tokens);
    const ctx: Ctx = {
      file, line, diags,
      ipv6: () => {
        if (!notedIpv6) diags.push(diagnostic('RT001', span, msg('diag.RT001.ipvRulesWereSkipped'), 'info'));
        notedIpv6 = true;
      },
    };
    if (isPromptOrNoise(tokens)) {
      diags.push(diagnostic('RT001', span, msg('diag.RT001.skippedShellPromptComment'), 'info'));
      return;
    }
    const priority = headerIndex(tokens[0]);
    if (priority === null) {
      diags.push(diagnostic('RT001', span, msg('diag.RT001.ipRuleLinePrio'), 'warning'));
      return;
    }
    const rule = parseRuleLine(tokens, priority, ctx);
    if (rule) rules.push(rule);
  });
  return { value: rules, diagnostics: diags };
}
