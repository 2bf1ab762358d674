/**
 * `iptables -L [-n] [-v] [-x] [--line-numbers] [-t TABLE]` output → `IptablesRuleset`.
 *
 * This output is lossy (no module names, no quoting, interfaces only with -v, names instead of
 * numbers without -n), so every rule gets `approximate: true` and the file gets one IPT014
 * warning. Structure: `Chain NAME (policy P …)` / `Chain NAME (N references)` headers, an optional
 * column header, rows; a blank line ends a chain. The table comes from a prompt line
 * (`iptables -L -t nat`) or, failing that, from `inferTable` over the chain names and targets.
 * A chain listed again (a second paste of the same table) replaces the earlier listing.
 */
import { diagnostic, type Diagnostic, type ParseResult, type SourceSpan } from '../../diagnostics';
import { familyOf } from './basic-match';
import { isBuiltinChain } from './extensions';
import { inferTable, type TableEvidence } from './infer-table';
import { readListExtras, reportUnparsed } from './list-extras';
import { parseColumnHeader, parseListCount, parseListRow, type ListColumns } from './list-row';
import { sortByPosition, splitLines, type SourceLine } from './lines';
import { parsePromptLine } from './prompt';
import { RulesetBuilder, type RuleDraft } from './ruleset-builder';
import { splitWords } from './tokenize';
import type { Counters, TableName, IptablesRuleset } from './types';
import { msg } from '../../explain/message';

interface ListChain {
  name: string;
  span: SourceSpan;
  policy: 'ACCEPT' | 'DROP' | null;
  counters?: Counters;
  rules: RuleDraft[];
  columns: ListColumns | null;
}

interface Segment {
  table: TableName | null;
  skip: boolean;
  chains: ListChain[];
}

/** `Chain KUBE-SERVICES (2 references)` / `Chain INPUT (policy DROP 0 packets, 0 bytes)`. */
function parseChainHeader(line: SourceLine, file: string, diagnostics: Diagnostic[]): ListChain | null {
  const words = splitWords(line.text, line.start, line.end);
  const nameWord = words[1];
  // Prose can start with "Chain" too; a header always has its parenthesis.
  if (words[0]?.text !== 'Chain' || !nameWord || !words[2]?.text.startsWith('(')) return null;
  const chain: ListChain = {
    name: nameWord.text,
    span: { file, line: line.number, column: nameWord.column, endColumn: nameWord.endColumn },
    policy: null,
    rules: [],
    columns: null,
  };
  const rest = words.slice(2).map((w) => w.text).join(' ');
  if (rest.startsWith('(policy ')) {
    const policy = words[3]?.text.replace(')', '');
    if (policy === 'ACCEPT' || policy === 'DROP') chain.policy = policy;
    else diagnostics.push(diagnostic('IPT004', chain.span, msg('diag.IPT004.chainHasUnknownPolicy', { chainName: chain.name, policy: policy ?? '' }), 'warning'));
    const packets = parseListCount(words[4]?.text);
    const bytes = parseListCount(words[6]?.text);
    if (packets !== null && bytes !== null && words[5]?.text === 'packets,') chain.counters = { packets, bytes };
  } else if (!/^\(\d{1,9} references\)$/.test(rest)) {
    diagnostics.push(diagnostic('IPT004', { file, line: line.number, column: line.start + 1, endColumn: line.end + 1 }, msg('diag.IPT004.chainHeaderFormChain'), 'warning'));
  }
  return chain;
}

function evidenceOf(segment: Segment): TableEvidence {
  const evidence: TableEvidence = { chains: [], targets: [] };
  for (const chain of segment.chains) {
    evidence.chains.push({ name: chain.name, span: chain.span });
    for (const rule of chain.rules) {
      if (rule.target) evidence.targets.push({ chain: chain.name, target: rule.target.name, span: rule.target.span });
    }
  }
  return evidence;
}

/**
 * Parses `iptables -L` output (any of -n, -v, -x, --line-numbers). Rules are approximate.
 *
 * @example
 * const text = 'Chain KUBE-MARK-MASQ (0 references)\ntarget     prot opt source               destination\nMARK       all  --  anywhere             anywhere             MARK or 0x4000\n';
 * parseIptablesList(text, 'l.txt').value.tables.get('nat')?.chains.get('KUBE-MARK-MASQ')?.rules[0]?.target?.options[0]?.args; // ['0x4000/0x4000']
 */
export function parseIptablesList(text: string, file: string): ParseResult<IptablesRuleset> {
  const diagnostics: Diagnostic[] = [];
  let families = 0;
  let promptFamily: 'ipv4' | 'ipv6' | null = null;
  let segment: Segment = { table: null, skip: false, chains: [] };
  const segments: Segment[] = [segment];
  let chain: ListChain | null = null;
  let warnedLossy = false;
  const unparsedSeen = new Set<string>();

  for (const line of splitLines(text)) {
    if (line.start === line.end) {
      chain = null;
      continue;
    }
    const content = line.text.slice(line.start, line.end);
    const header = content.startsWith('Chain ') ? parseChainHeader(line, file, diagnostics) : null;
    if (header) {
      chain = header;
      segment.chains.push(chain);
      continue;
    }
    if (chain) {
      const columns = parseColumnHeader(splitWords(content));
      if (columns) {
        chain.columns = columns;
        continue;
      }
      const row = parseListRow(line, chain.columns, file, diagnostics);
      if (row) {
        if (!warnedLossy) {
          warnedLossy = true;
          diagnostics.push(diagnostic('IPT014', { file, line: line.number, column: line.start + 1, endColumn: line.end + 1 },
            msg('diag.IPT014.iptablesLOutputLossy'),
            'warning', msg('diag.hint.iptablesSaveIptablesS')));
        }
        families |= row.families;
        const extras = readListExtras(line.text, row.restFrom, line.end, row.target?.text ?? null, { file, line: line.number, diagnostics });
        reportUnparsed(extras, unparsedSeen, diagnostics);
        const draft: RuleDraft = {
          span: { file, line: line.number, column: line.start + 1, endColumn: line.end + 1 },
          text: content,
          matches: [...row.matches, ...extras.matches],
          target: row.target
            ? { name: row.target.text, goto: extras.goto, options: extras.targetOptions, span: { file, line: line.number, column: row.target.column, endColumn: row.target.endColumn } }
            : null,
          approximate: true,
        };
        if (row.counters) draft.counters = row.counters;
        chain.rules.push(draft);
        continue;
      }
    }
    const prompt = parsePromptLine(content);
    if (prompt) {
      chain = null;
      segment = { table: prompt.table, skip: false, chains: [] };
      segments.push(segment);
      if (prompt.family === 'ipv6') promptFamily = 'ipv6';
      if (prompt.unknownTable !== undefined) {
        segment.skip = true;
        diagnostics.push(diagnostic('IPT002', { file, line: line.number, column: prompt.tableColumn, endColumn: prompt.tableColumn + Math.max(1, prompt.unknownTable?.length ?? 1) }, msg('diag.IPT002.unknownTableChainsAfter', { promptUnknownTable: prompt.unknownTable })));
      }
      continue;
    }
    diagnostics.push(diagnostic('IPT013', { file, line: line.number, column: line.start + 1, endColumn: line.end + 1 }, msg('diag.IPT013.partIptablesLOutput'), 'warning'));
  }

  const builder = new RulesetBuilder(file, 'list');
  for (const seg of segments) {
    if (seg.skip || seg.chains.length === 0) continue;
    let name = seg.table;
    if (name === null) {
      const guess = inferTable(evidenceOf(seg), null);
      name = guess?.table ?? 'filter';
      const why = guess ? guess.reason : msg('diag.IPT002.why.nothing');
      const first = seg.chains[0] as ListChain;
      diagnostics.push(diagnostic('IPT002', guess?.span ?? first.span, msg('diag.IPT002.iptablesLDoesPrint', { name, why }), 'info'));
    }
    const table = builder.table(name);
    for (const c of seg.chains) {
      let target = builder.chain(table, c.name);
      if (target?.span) {
        diagnostics.push(diagnostic('IPT015', c.span, msg('diag.IPT015.chainListedAgainListing', { cName: c.name }), 'warning'));
        builder.resetChain(target, c.span);
      } else {
        target = builder.declareChain(table, c.name, c.span).chain;
      }
      if (c.policy && isBuiltinChain(name, c.name)) target.policy = c.policy;
      if (c.counters) target.counters = c.counters;
      for (const draft of c.rules) builder.addRule(table, target, draft);
    }
  }
  const family = promptFamily ?? familyOf(families);
  return { value: builder.build(family), diagnostics: sortByPosition(diagnostics) };
}
