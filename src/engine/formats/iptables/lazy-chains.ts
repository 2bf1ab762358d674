/**
 * Deferred rule bodies for iptables-save (issue #8): the first pass only records, per chain,
 * where each rule line starts; a chain's `rules` are parsed the first time anything reads
 * them (the walk, the chain view, an index). A trace touches a handful of chains, so a
 * 50 MB dump is ready after one cheap scan, and the rules nobody looks at never exist.
 *
 * Diagnostics of the rule bodies (tokens, options, targets) come from `checkLazyRules`, which
 * reads every chain again without building its rules (`checkRuleTokens`): `buildModel` runs it
 * at once unless the caller defers it (the worker runs it after the first trace).
 *
 * Line numbers: rules are parsed with `origin.line` added to their line numbers. `origin` is a
 * span-like object on the ruleset, so `relocateSpans` (bundle sections) moves it like any other
 * span, and rules parsed later land on the bundle's lines.
 */
import { diagnostic, type Diagnostic, type SourceSpan } from '../../diagnostics';
import { msg } from '../../explain/message';
import { KNOWN_TARGETS } from './extensions';
import type { SourceLine } from './lines';
import type { FamilyFlags } from './basic-match';
import { checkRuleLine, parseCounterWord, parseRuleLine } from './rule-line';
import { tokenizeLine } from './tokenize';
import type { Chain, Counters, Rule, Table, TableName } from './types';

/**
 * Where the rule lines are in the text, for every chain of one dump: entry i is the line that
 * starts at `starts[i]` (line number `lines[i]`), and `next[i]` is the same chain's next entry
 * (-1 at the end). Three flat typed arrays for the whole dump (12 bytes a line), sized from the
 * text's length so that a kube-proxy dump fills them without growing.
 */
export class PendingLines {
  starts: Int32Array;
  lines: Int32Array;
  next: Int32Array;
  length = 0;

  /** `textLength`: the dump's length; kube-proxy's rule lines are about 110 characters. */
  constructor(textLength: number) {
    const capacity = Math.max(64, Math.ceil(textLength / 96));
    this.starts = new Int32Array(capacity);
    this.lines = new Int32Array(capacity);
    this.next = new Int32Array(capacity);
  }

  /** Adds a line after entry `last` (-1 for a chain's first line); returns the new entry. */
  add(last: number, start: number, line: number): number {
    const i = this.length++;
    if (i === this.starts.length) this.grow();
    this.starts[i] = start;
    this.lines[i] = line;
    this.next[i] = -1;
    if (last >= 0) this.next[last] = i;
    return i;
  }

  private grow(): void {
    const capacity = this.starts.length * 2;
    const bigger = (from: Int32Array): Int32Array => {
      const to = new Int32Array(capacity);
      to.set(from);
      return to;
    };
    this.starts = bigger(this.starts);
    this.lines = bigger(this.lines);
    this.next = bigger(this.next);
  }
}

/**
 * The text the offsets point into, where its rule lines are, and the span that carries the line
 * offset of bundle sections.
 */
export interface LazySource {
  body: string;
  file: string;
  origin: SourceSpan;
  lines: PendingLines;
}

function isBlank(code: number): boolean {
  return code === 32 || code === 9 || code === 13 || code === 12 || code === 11;
}

/** The line that starts at `from`, as `splitLines` would have made it. */
function lineAt(body: string, from: number, number: number): SourceLine {
  let to = body.indexOf('\n', from);
  if (to < 0) to = body.length;
  if (to > from && body.charCodeAt(to - 1) === 13) to--;
  const text = body.slice(from, to);
  let start = 0;
  while (start < text.length && isBlank(text.charCodeAt(start))) start++;
  let end = text.length;
  while (end > start && isBlank(text.charCodeAt(end - 1))) end--;
  return { number, text, start, end };
}

/**
 * Parses a chain's rule lines in order (`-I N` inserts as iptables-restore does), numbering
 * them; the address families seen are added to `seen.families`.
 */
export function parsePendingRules(source: LazySource, chain: DeferredChain, diagnostics: Diagnostic[], seen?: { families: FamilyFlags }): Rule[] {
  const rules: Rule[] = [];
  const table = chain.pendingTable as Table;
  const offset = source.origin.line;
  const all = source.lines;
  for (let i = chain.pendingFirst, n = 0; i >= 0 && n < chain.pendingCount; i = all.next[i]!, n++) {
    const line = lineAt(source.body, all.starts[i]!, all.lines[i]! + offset);
    const { tokens, diagnostics: tokenDiags } = tokenizeLine(line.text, source.file, line.number, line.start);
    const counters = tokens[0] ? parseCounterWord(tokens[0].text) : null;
    for (const d of tokenDiags) diagnostics.push(d);
    const parsed = parseRuleLine(line, tokens, counters ? 1 : 0, source.file, diagnostics, counters ? { counters } : {});
    if (!parsed) continue;
    if (seen) seen.families |= parsed.families;
    const rule: Rule = { id: '', table: table.name, chain: chain.name, position: 0, ...parsed.draft };
    const at = parsed.insertAt;
    if (at === undefined || at > rules.length) rules.push(rule);
    else rules.splice(Math.max(0, at - 1), 0, rule);
  }
  rules.forEach((rule, index) => {
    rule.position = index + 1;
    rule.id = `${table.name}/${chain.name}#${index + 1}`;
  });
  return rules;
}

/**
 * The diagnostics `parsePendingRules` reports, and unknown targets (IPT012), without building a
 * rule; returns the address families seen.
 */
function checkPendingRules(source: LazySource, chain: DeferredChain, diagnostics: Diagnostic[]): FamilyFlags {
  const table = chain.pendingTable as Table;
  const offset = source.origin.line;
  const all = source.lines;
  let families = 0;
  for (let i = chain.pendingFirst, n = 0; i >= 0 && n < chain.pendingCount; i = all.next[i]!, n++) {
    const line = lineAt(source.body, all.starts[i]!, all.lines[i]! + offset);
    const { tokens, diagnostics: tokenDiags } = tokenizeLine(line.text, source.file, line.number, line.start);
    const counters = tokens[0] ? parseCounterWord(tokens[0].text) : null;
    for (const d of tokenDiags) diagnostics.push(d);
    const checked = checkRuleLine(line, tokens, counters ? 1 : 0, source.file, diagnostics);
    if (!checked) continue;
    families |= checked.families;
    const target = checked.targetName;
    if (target && !KNOWN_TARGETS.has(target) && !table.chains.has(target)) unknownTarget(diagnostics, target, checked.targetSpan(), table);
  }
  return families;
}

function unknownTarget(diagnostics: Diagnostic[], name: string, span: SourceSpan, table: Table): void {
  diagnostics.push(diagnostic('IPT012', span, msg('diag.IPT012.unknownTargetIptablesTarget', { tName: name, tableName: table.name }), 'warning'));
}

/**
 * A chain of a lazily read dump: `rules` is parsed from the pending lines on first read and
 * kept. The rules live in a private field, so walks over the model (relocation, fuzzing) do not
 * parse what nobody asked for; relocation reaches them through the ruleset's `origin` instead.
 * Diagnostics found on the way are dropped: `checkLazyRules` reports them.
 */
export class DeferredChain implements Chain {
  readonly name: string;
  readonly table: TableName;
  builtin: boolean;
  policy: 'ACCEPT' | 'DROP' | null;
  counters?: Counters;
  span: SourceSpan | null;
  #rules: Rule[] | null = null;
  #source: LazySource | null = null;
  // The chain's entries in the dump's `PendingLines` (kept after parsing: the checks read them again).
  #table: Table | null = null;
  #first = -1;
  #last = -1;
  #count = 0;

  constructor(fields: Chain) {
    this.name = fields.name;
    this.table = fields.table;
    this.builtin = fields.builtin;
    this.policy = fields.policy;
    if (fields.counters) this.counters = fields.counters;
    this.span = fields.span;
    this.#rules = fields.rules;
  }

  /** Records one rule line of this chain (the first pass); true for the chain's first. */
  addLine(table: Table, lines: PendingLines, start: number, line: number): boolean {
    this.#last = lines.add(this.#last, start, line);
    if (this.#count++ > 0) return false;
    this.#first = this.#last;
    this.#table = table;
    return true;
  }

  /** Parses the recorded lines from `source` on first read (the first pass calls it once, when it is done). */
  defer(source: LazySource): void {
    this.#source = source;
    this.#rules = null;
  }

  get pendingTable(): Table | null {
    return this.#table;
  }

  get pendingFirst(): number {
    return this.#first;
  }

  get pendingCount(): number {
    return this.#count;
  }

  get rules(): Rule[] {
    this.#rules ??= parsePendingRules(this.#source as LazySource, this, []);
    return this.#rules;
  }

  set rules(rules: Rule[]) {
    this.#rules = rules;
  }

  /** The number of rules, without parsing them. */
  get ruleCount(): number {
    return this.#rules ? this.#rules.length : this.#count;
  }

  get deferred(): boolean {
    return this.#rules === null;
  }

  /** The same chain as a plain object (what the eager parser returns). */
  plain(): Chain {
    const chain: Chain = { name: this.name, table: this.table, builtin: this.builtin, policy: this.policy, rules: this.rules, span: this.span };
    if (this.counters) chain.counters = this.counters;
    return chain;
  }
}

/** How many rules a chain has, without parsing deferred ones. */
export function ruleCount(chain: Chain): number {
  return chain instanceof DeferredChain ? chain.ruleCount : chain.rules.length;
}

/**
 * The rule-level diagnostics of every chain with rule lines (tokens, options, IPT006/IPT007/…,
 * unknown targets IPT012), reading them again, and the address families seen in -s/-d. With
 * `keep`, the parsed rules become the chains' rules (the eager parser); otherwise nothing is
 * built, so memory stays what it was.
 */
export function checkLazyRules(source: LazySource, chains: readonly DeferredChain[], keep = false): { diagnostics: Diagnostic[]; families: FamilyFlags } {
  const diagnostics: Diagnostic[] = [];
  const seen = { families: 0 };
  for (const chain of chains) {
    if (!keep) {
      seen.families |= checkPendingRules(source, chain, diagnostics);
      continue;
    }
    const table = chain.pendingTable as Table;
    const rules = parsePendingRules(source, chain, diagnostics, seen);
    chain.rules = rules;
    for (const rule of rules) {
      const t = rule.target;
      if (!t || t.name === '' || KNOWN_TARGETS.has(t.name) || table.chains.has(t.name)) continue;
      unknownTarget(diagnostics, t.name, t.span, table);
    }
  }
  return { diagnostics, families: seen.families };
}

/** The deferred checks of `checkLazyRules`, one chain per step, building nothing: pieces a caller can stop between. */
export function* lazyRuleCheckSteps(source: LazySource, chains: readonly DeferredChain[]): Generator<Diagnostic[]> {
  for (const chain of chains) {
    const diagnostics: Diagnostic[] = [];
    checkPendingRules(source, chain, diagnostics);
    yield diagnostics;
  }
}
