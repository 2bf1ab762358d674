/**
 * `iptables -S` / `iptables -t nat -S` / `iptables --list-rules` output → `IptablesRuleset`.
 *
 * The output carries no table name, so the text is read in segments: each shell prompt line
 * with an iptables command (`root@w:/# iptables -t nat -S | grep KUBE`) starts a segment with
 * that command's table; text before any prompt uses the `table` parameter, corrected by
 * `inferTable` when the rules contradict it. Segments behind a pipe may repeat rules (several
 * `| grep` runs over the same chain); there exact repeats are dropped.
 */
import { diagnostic, type Diagnostic, type ParseResult, type SourceSpan } from '../../diagnostics';
import { familyOf } from './basic-match';
import { isBuiltinChain } from './extensions';
import { inferTable, type TableEvidence } from './infer-table';
import { sortByPosition, splitLines, type SourceLine } from './lines';
import { isOptionLike, parseRuleTokens } from './parse-rule';
import { parsePromptLine } from './prompt';
import { APPEND_COMMANDS, parseCounterWord, parseRuleLine, type RuleLine } from './rule-line';
import { RulesetBuilder } from './ruleset-builder';
import { tokenizeLine, type Token } from './tokenize';
import type { Counters, IptablesRuleset, TableName } from './types';
import { msg } from '../../explain/message';

type Statement =
  | { kind: 'policy'; chain: string; policy: 'ACCEPT' | 'DROP'; counters?: Counters; span: SourceSpan }
  | { kind: 'new'; chain: string; span: SourceSpan }
  | { kind: 'rule'; rule: RuleLine };

interface Segment {
  /** The table a prompt line named; null for text before any prompt (parameter or inference). */
  table: TableName | null;
  filtered: boolean;
  /** The prompt named a table iptables does not have: the segment is skipped. */
  skip: boolean;
  statements: Statement[];
}

function evidenceOf(segment: Segment): TableEvidence {
  const evidence: TableEvidence = { chains: [], targets: [] };
  for (const st of segment.statements) {
    if (st.kind !== 'rule') {
      evidence.chains.push({ name: st.chain, span: st.span });
      continue;
    }
    const { chain, chainToken, draft } = st.rule;
    evidence.chains.push({ name: chain, span: { ...draft.span, column: chainToken.column, endColumn: chainToken.endColumn } });
    if (draft.target) evidence.targets.push({ chain, target: draft.target.name, span: draft.target.span });
  }
  return evidence;
}

/**
 * Parses `iptables -S` output. `table` is used for lines before any prompt line, unless the
 * rules show it cannot be right (then an info diagnostic says which table was used and why).
 *
 * @example
 * const { value } = parseIptablesRules('-P PREROUTING ACCEPT\n-A PREROUTING -j KUBE-SERVICES\n', 'paste.txt');
 * [...value.tables.keys()]; // ['nat']
 */
export function parseIptablesRules(text: string, file: string, table: TableName = 'filter'): ParseResult<IptablesRuleset> {
  const diagnostics: Diagnostic[] = [];
  let families = 0;
  let promptFamily: 'ipv4' | 'ipv6' | null = null;
  let segment: Segment = { table: null, filtered: false, skip: false, statements: [] };
  const segments: Segment[] = [segment];

  for (const line of splitLines(text)) {
    if (line.start === line.end) continue;
    const { tokens, diagnostics: tokenDiags } = tokenizeLine(line.text, file, line.number, line.start);
    // `iptables-save -c | grep …` lines carry a `[p:b]` prefix; read them like -S lines.
    const counters = parseCounterWord((tokens[0] as Token).text);
    const cmdIndex = counters && tokens[1] && APPEND_COMMANDS.has(tokens[1].text) ? 1 : 0;
    const cmd = tokens[cmdIndex] as Token;
    if (APPEND_COMMANDS.has(cmd.text)) {
      diagnostics.push(...tokenDiags);
      const rule = parseRuleLine(line, tokens, cmdIndex, file, diagnostics, { shellComments: true, ...(cmdIndex === 1 && counters ? { counters } : {}) });
      if (rule) {
        families |= rule.families;
        segment.statements.push({ kind: 'rule', rule });
      }
    } else if (cmd.text === '-P' || cmd.text === '--policy') {
      diagnostics.push(...tokenDiags);
      const st = readPolicy(line, tokens);
      if (st) segment.statements.push(st);
    } else if (cmd.text === '-N' || cmd.text === '--new-chain') {
      const name = tokens[1];
      if (!name || isOptionLike(name)) missingChain(line, cmd);
      else segment.statements.push({ kind: 'new', chain: name.text, span: spanOf(line, name) });
    } else {
      const content = line.text.slice(line.start, line.end);
      const prompt = parsePromptLine(content); // `# iptables -t nat -S` is a root prompt too
      if (prompt) {
        segment = { table: prompt.table, filtered: prompt.filtered, skip: false, statements: [] };
        segments.push(segment);
        if (prompt.family === 'ipv6') promptFamily = 'ipv6';
        const at = { file, line: line.number, column: prompt.tableColumn, endColumn: prompt.tableColumn + Math.max(1, prompt.unknownTable?.length ?? 1) };
        if (prompt.unknownTable !== undefined) {
          segment.skip = true;
          diagnostics.push(diagnostic('IPT002', at, msg('diag.IPT002.unknownTableRulesAfter', { promptUnknownTable: prompt.unknownTable })));
        } else if (prompt.filtered) {
          diagnostics.push(diagnostic('IPT014', spanOf(line), msg('diag.IPT014.outputWentThroughPipe'), 'info'));
        }
      } else if (!content.includes('iptables-legacy tables present')) {
        diagnostics.push(diagnostic('IPT013', spanOf(line), msg('diag.IPT013.iptablesSLineP'), 'warning'));
      }
    }
  }

  const builder = new RulesetBuilder(file, 'rules');
  /** Rule texts per table/chain, to drop the repeats of `| grep` runs in constant time. */
  const seen = new Map<string, Set<string>>();
  for (const seg of segments) {
    if (seg.skip || seg.statements.length === 0) continue;
    let name = seg.table;
    if (name === null) {
      const guess = inferTable(evidenceOf(seg), table);
      name = guess?.table ?? table;
      if (guess) {
        diagnostics.push(diagnostic('IPT002', guess.span, msg('diag.IPT002.iptablesSDoesPrint', { guessTable: guess.table, guessReason: guess.reason, table }), 'info'));
      }
    }
    materialize(seg, name);
  }
  const family = promptFamily ?? familyOf(families);
  return { value: builder.build(family), diagnostics: sortByPosition(diagnostics) };

  function spanOf(line: SourceLine, word?: Token): SourceSpan {
    return word
      ? { file, line: line.number, column: word.column, endColumn: word.endColumn }
      : { file, line: line.number, column: line.start + 1, endColumn: line.end + 1 };
  }

  function missingChain(line: SourceLine, cmd: Token): void {
    diagnostics.push(diagnostic('IPT006', spanOf(line, cmd), msg('diag.IPT006.missingChainName', { cmdText: cmd.text })));
  }

  function readPolicy(line: SourceLine, tokens: Token[]): Statement | null {
    const cmd = tokens[0] as Token;
    const chain = tokens[1];
    const policy = tokens[2];
    if (!chain || isOptionLike(chain)) {
      missingChain(line, cmd);
      return null;
    }
    if (policy?.text !== 'ACCEPT' && policy?.text !== 'DROP') {
      diagnostics.push(diagnostic('IPT004', spanOf(line, policy ?? chain), msg('diag.IPT004.policyMustAcceptDrop', { chainText: chain.text }), 'warning'));
      return null;
    }
    const st: Statement = { kind: 'policy', chain: chain.text, policy: policy.text, span: spanOf(line, chain) };
    // `iptables -S -v` prints `-P INPUT ACCEPT -c 12 720`.
    const rest = parseRuleTokens(tokens, 3, { file, line: line.number, diagnostics });
    if (rest.counters) st.counters = rest.counters;
    return st;
  }

  function materialize(seg: Segment, name: TableName): void {
    const t = builder.table(name);
    for (const st of seg.statements) {
      if (st.kind === 'policy') {
        if (isBuiltinChain(name, st.chain)) builder.setPolicy(t, st.chain, st.policy, st.span, st.counters);
        else {
          diagnostics.push(diagnostic('IPT004', st.span, msg('diag.IPT004.builtChainTablePolicy', { stChain: st.chain, name }), 'warning'));
          builder.ensureChain(t, st.chain);
        }
      } else if (st.kind === 'new') {
        const { duplicate } = builder.declareChain(t, st.chain, st.span);
        if (duplicate && !seg.filtered) diagnostics.push(diagnostic('IPT015', st.span, msg('diag.IPT015.chainCreatedTwiceN', { stChain: st.chain, name }), 'warning'));
      } else {
        const { rule } = st;
        let chain = builder.chain(t, rule.chain);
        if (!chain) {
          chain = builder.ensureChain(t, rule.chain);
          if (!seg.filtered && !chain.builtin) {
            const ct = rule.chainToken;
            diagnostics.push(diagnostic('IPT005', { file, line: rule.draft.span.line, column: ct.column, endColumn: ct.endColumn },
              msg('diag.IPT005.chainHasNoN', { ruleChain: rule.chain }), 'warning'));
          }
        }
        const key = `${name}/${rule.chain}`;
        const texts = seen.get(key) ?? new Set<string>();
        seen.set(key, texts);
        if (seg.filtered && texts.has(rule.draft.text)) continue;
        texts.add(rule.draft.text);
        builder.addRule(t, chain, rule.draft, rule.insertAt);
      }
    }
  }
}
