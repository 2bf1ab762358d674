/**
 * `nft list ruleset` text → `NftRuleset`. Blocks (`table`, `chain`, `set`/`map`, objects) are read
 * by brace matching over the token stream; inside a chain each line is a rule. Recovery: an
 * unreadable line is reported and skipped, a `table` keyword at column 1 closes any block left
 * open, and a rule nft cannot be read for is kept as opaque text, never dropped.
 */
import { diagnostic, type Diagnostic, type ParseResult, type SourceSpan } from '../../diagnostics';
import { isPromptOrNoise, tokenizeLine } from '../ip-link/text-lines';
import { applyBaseChainLine } from './chain-decl';
import { markIptablesTables } from './iptables-nft';
import { lexNft, NftLexer, type NftToken } from './lexer';
import { handleOf, LazyNftChain, ruleOf, type NftLazySource } from './lazy-rules';
import { checkReferences, referenceChecker } from './references';
import { applySetLine } from './set-decl';
import { ArrayTokens, StreamTokens, type TokenSource } from './token-stream';
import type { NftChain, NftFamily, NftRuleset, NftSet, NftTable } from './types';
import { msg } from '../../explain/message';

const FAMILIES = new Set<NftFamily>(['ip', 'ip6', 'inet', 'arp', 'bridge', 'netdev']);
const OBJECTS = new Set(['flowtable', 'counter', 'quota', 'limit', 'secmark', 'synproxy', 'tunnel']);
const CT_OBJECTS = new Set(['helper', 'timeout', 'expectation']);
const WARNING = /^# Warning: table (\S+) (\S+) is managed by iptables-nft/;

class TextParser {
  readonly diags: Diagnostic[] = [];
  readonly tables: NftTable[] = [];
  /** `family name` pairs named by iptables-nft warning comments. */
  readonly warned = new Set<string>();
  private readonly xtSeen = new Set<string>();
  private readonly chainNames = new Map<NftTable, Set<string>>();
  private readonly setNames = new Map<NftTable, Set<string>>();
  private p = 0;
  private readonly tokens: TokenSource;
  private split: string[] | null = null;
  /** Chains whose rules are left for later (lazy form), in the order of the text. */
  readonly lazyChains: LazyNftChain[] = [];

  /** With `lazy`, rule lines are only located (see `lazy-rules.ts`), and tokens are lexed as they are read. */
  constructor(private readonly text: string, private readonly file: string, private readonly lazy: NftLazySource | null = null) {
    this.tokens = lazy ? new StreamTokens(new NftLexer(text, file, this.diags)) : new ArrayTokens(lexNft(text, file, this.diags));
  }

  /** The text's lines, split when first needed (the lazy first pass rarely needs them). */
  private get lines(): string[] {
    return (this.split ??= this.text.split('\n'));
  }

  private peek(k = 0): NftToken | undefined {
    return this.tokens.at(this.p + k);
  }

  private has(): boolean {
    return this.tokens.at(this.p) !== undefined;
  }

  private span(first: NftToken, last: NftToken = first): SourceSpan {
    return { file: this.file, line: first.line, column: first.column, endColumn: last.line === first.line ? last.endColumn : first.endColumn };
  }

  /** The tokens up to the end of the line (newline consumed), comments included. */
  private restOfLine(): NftToken[] {
    const out: NftToken[] = [];
    while (this.has() && this.peek()!.kind !== 'newline') out.push(this.tokens.at(this.p++)!);
    this.p++;
    return out;
  }

  /** Skips a line; when it opens braces it does not close, skips to where they close. */
  private skipLine(): void {
    let depth = 0;
    while (this.has()) {
      const t = this.peek()!;
      if (t.kind === 'newline' && depth <= 0) break;
      if (t.kind === 'word' && t.text === 'table' && t.column === 1 && depth > 0) return;
      if (t.kind === 'punct' && t.text === '{') depth++;
      if (t.kind === 'punct' && t.text === '}') depth--;
      this.p++;
    }
    this.p++;
  }

  /** True at a `table` keyword in column 1: a block left open ends here. */
  private atTableStart(): boolean {
    const t = this.peek();
    return t?.kind === 'word' && t.text === 'table' && t.column === 1;
  }

  /** Reads `NAME {` [`# handle N`] after a block keyword; null (line skipped) when malformed. */
  private blockHeader(keyword: NftToken, what: string): { name: string; handle?: number; nameToken: NftToken } | null {
    const name = this.peek();
    if (!name || (name.kind !== 'word' && name.kind !== 'string') || !(this.peek(1)?.kind === 'punct' && this.peek(1)!.text === '{')) {
      this.diags.push(diagnostic(what === 'chain' ? 'NFT004' : what === 'set' ? 'NFT006' : 'NFT001', this.span(keyword, name ?? keyword), msg('diag.NFT001.malformedHeader', { what }), 'warning'));
      this.skipLine();
      return null;
    }
    this.p += 2;
    const handle = handleOf(this.peek());
    if (handle !== undefined) this.p++;
    return handle === undefined ? { name: name.text, nameToken: name } : { name: name.text, handle, nameToken: name };
  }

  run(): NftTable[] {
    while (this.has()) {
      const t = this.peek()!;
      if (t.kind === 'newline') this.p++;
      else if (t.kind === 'comment') {
        const m = WARNING.exec(t.text);
        if (m) this.warned.add(`${m[1]} ${m[2]}`);
        this.p++;
      } else if (t.kind === 'word' && t.text === 'table') this.table(t);
      else if (t.kind === 'word' && (t.text === 'chain' || t.text === 'set' || t.text === 'map') && this.peek(2)?.text === '{') {
        // A chain or set pasted without its table (`nft list table` cut short): read it anyway.
        const table = this.looseTable(t);
        this.p++;
        if (t.text === 'chain') this.chain(table, t);
        else this.set(table, t);
      }
      else if (t.kind === 'punct' && t.text === '}') {
        this.diags.push(diagnostic('NFT002', this.span(t), msg('diag.NFT002.closesNothingIgnored'), 'warning'));
        this.p++;
      } else {
        const raw = this.lines[t.line - 1] ?? '';
        if (!isPromptOrNoise(tokenizeLine(raw.length > 2000 ? raw.slice(0, 2000) : raw))) {
          // To the line's end, but never before the token's own end: trimEnd() also drops U+2028 and other Unicode spaces the tokenizer keeps.
          const span = { ...this.span(t), endColumn: Math.max(t.endColumn, raw.trimEnd().length + 1) };
          this.diags.push(diagnostic('NFT001', span, msg('diag.NFT001.textOutsideAnyTable'), 'warning'));
        }
        this.skipLine();
      }
    }
    return this.tables;
  }

  private loose: NftTable | null = null;

  /** The unnamed `ip` table that chains and sets pasted without a `table` line go into. */
  private looseTable(first: NftToken): NftTable {
    if (this.loose) return this.loose;
    const span = this.span(first);
    this.loose = { family: 'ip', name: '', flags: [], chains: [], sets: [], objects: [], managedByIptables: false, span };
    this.tables.push(this.loose);
    this.diags.push(diagnostic('NFT001', span, msg('diag.NFT001.chainSetOutsideAny'), 'info', msg('diag.hint.pasteWholeNftList')));
    return this.loose;
  }

  private table(keyword: NftToken): void {
    this.p++;
    const a = this.peek();
    const b = this.peek(1);
    let family: string = 'ip';
    if (a?.kind === 'word' && b?.kind === 'word') {
      family = a.text;
      this.p++;
    }
    const header = this.blockHeader(keyword, 'table');
    if (!header) return;
    if (!FAMILIES.has(family as NftFamily)) {
      this.diags.push(diagnostic('NFT003', this.span(a!), msg('diag.NFT003.unknownTableFamilyRead', { family }), 'error'));
      family = 'ip';
    }
    const table: NftTable = {
      family: family as NftFamily, name: header.name, flags: [], chains: [], sets: [], objects: [], managedByIptables: false,
      span: this.span(keyword, this.tokens.at(this.p - 1)),
    };
    if (header.handle !== undefined) table.handle = header.handle;
    this.tables.push(table);
    for (;;) {
      const t = this.peek();
      if (!t || this.atTableStart()) {
        this.diags.push(diagnostic('NFT002', table.span, msg('diag.NFT002.tableClosedWith', { family, tableName: table.name }), 'error'));
        return;
      }
      if (t.kind === 'newline' || t.kind === 'comment') this.p++;
      else if (t.kind === 'punct' && t.text === '}') {
        this.p++;
        return;
      } else if (t.kind === 'word' && t.text === 'comment' && this.peek(1)?.kind === 'string') {
        table.comment = this.peek(1)!.text;
        this.restOfLine();
      } else if (t.kind === 'word' && t.text === 'flags') {
        table.flags = this.restOfLine().filter((x) => x.kind === 'word').slice(1).map((x) => x.text);
      } else if (t.kind === 'word' && t.text === 'chain') {
        this.p++;
        this.chain(table, t);
      } else if (t.kind === 'word' && (t.text === 'set' || t.text === 'map')) {
        this.p++;
        this.set(table, t);
      } else if (t.kind === 'word' && (OBJECTS.has(t.text) || (t.text === 'ct' && CT_OBJECTS.has(this.peek(1)?.text ?? '')))) {
        this.object(table, t);
      } else {
        this.diags.push(diagnostic('NFT001', this.span(t), msg('diag.NFT001.tableDeclarationLineSkipped', { tText: t.text }), 'warning'));
        this.skipLine();
      }
    }
  }

  private chain(table: NftTable, keyword: NftToken): void {
    const header = this.blockHeader(keyword, 'chain');
    if (!header) return;
    const span = this.span(keyword, this.tokens.at(this.p - 1));
    const chain: NftChain = this.lazy ? new LazyNftChain(header.name, span, this.lazy) : { name: header.name, rules: [], span };
    if (chain instanceof LazyNftChain) this.lazyChains.push(chain);
    if (header.handle !== undefined) chain.handle = header.handle;
    const names = this.chainNames.get(table) ?? new Set<string>();
    this.chainNames.set(table, names);
    if (names.has(chain.name)) {
      this.diags.push(diagnostic('NFT016', chain.span, msg('diag.NFT016.chainDeclaredTwiceTable2', { chainName: chain.name, tableName: table.name }), 'warning'));
    }
    names.add(chain.name);
    table.chains.push(chain);
    for (;;) {
      const t = this.peek();
      if (!t || this.atTableStart()) {
        this.diags.push(diagnostic('NFT002', chain.span, msg('diag.NFT002.chainClosedWith', { chainName: chain.name }), 'error'));
        return;
      }
      if (t.kind === 'newline' || t.kind === 'comment') this.p++;
      else if (t.kind === 'punct' && t.text === '}') {
        this.p++;
        return;
      } else if (t.kind === 'word' && (t.text === 'type' || t.text === 'policy')) this.baseChain(chain, table.family);
      else if (t.kind === 'word' && t.text === 'comment' && this.peek(1)?.kind === 'string' && this.peek(2)?.kind === 'newline') {
        chain.comment = this.peek(1)!.text;
        this.restOfLine();
      } else if (chain instanceof LazyNftChain) chain.pend((this.tokens as StreamTokens).skipRule(this.p), t.line);
      else this.rule(chain);
    }
  }

  private baseChain(chain: NftChain, family: NftFamily): void {
    applyBaseChainLine(chain, family, this.restOfLine().filter((t) => t.kind !== 'comment'), this.file, this.diags);
  }

  /** One rule: the tokens to the end of the line (nft prints every rule, anonymous sets included, on one line). */
  private rule(chain: NftChain): void {
    const toks: NftToken[] = [];
    let depth = 0;
    while (this.has()) {
      const t = this.peek()!;
      if (t.kind === 'newline') {
        this.p++;
        break;
      }
      if (t.kind === 'punct' && t.text === '}' && depth-- <= 0) break;
      if (t.kind === 'punct' && t.text === '{') depth++;
      this.p++;
      toks.push(t);
    }
    const rule = toks.length > 0 ? ruleOf(toks, this.lines[toks[0]!.line - 1] ?? '', this.file, this.diags, this.xtSeen) : null;
    if (rule) chain.rules.push(rule);
  }

  private set(table: NftTable, keyword: NftToken): void {
    const header = this.blockHeader(keyword, 'set');
    if (!header) return;
    const set: NftSet = {
      kind: keyword.text === 'map' ? 'map' : 'set', name: header.name, keyType: [], flags: [], autoMerge: false, counter: false,
      elements: [], span: this.span(keyword, this.tokens.at(this.p - 1)),
    };
    if (header.handle !== undefined) set.handle = header.handle;
    const setNames = this.setNames.get(table) ?? new Set<string>();
    this.setNames.set(table, setNames);
    if (setNames.has(set.name)) this.diags.push(diagnostic('NFT016', set.span, msg('diag.NFT016.setDeclaredTwiceTable', { setName: set.name, tableName: table.name }), 'warning'));
    setNames.add(set.name);
    table.sets.push(set);
    for (;;) {
      const t = this.peek();
      if (!t || this.atTableStart()) {
        this.diags.push(diagnostic('NFT002', set.span, msg('diag.NFT002.setClosedWith', { setName: set.name }), 'error'));
        return;
      }
      if (t.kind === 'newline' || t.kind === 'comment') this.p++;
      else if (t.kind === 'punct' && t.text === '}') {
        this.p++;
        return;
      } else if (t.kind === 'word' && t.text === 'elements') applySetLine(set, this.bracedTokens(), this.file, this.diags);
      else {
        const line = this.restOfLine().filter((x) => x.kind !== 'comment' && !(x.kind === 'punct' && x.text === ';'));
        if (line.length > 0) applySetLine(set, line, this.file, this.diags);
      }
    }
  }

  /** `elements = { ... }` over several lines: tokens up to the matching `}`, newlines and comments dropped. */
  private bracedTokens(): NftToken[] {
    const out: NftToken[] = [];
    let depth = 0;
    let lineStart = false;
    while (this.has()) {
      const t = this.peek()!;
      if (out.length > 0 && this.atTableStart()) break;
      if (t.kind === 'newline' && depth === 0 && out.length > 0) break;
      // A "}" opening a line is the set's own: the element list was left open.
      if (lineStart && depth > 0 && t.kind === 'punct' && t.text === '}') break;
      lineStart = t.kind === 'newline' || (lineStart && t.kind === 'comment');
      this.p++;
      if (t.kind === 'newline' || t.kind === 'comment') continue;
      out.push(t);
      if (t.kind === 'punct' && t.text === '{') depth++;
      if (t.kind === 'punct' && t.text === '}' && --depth === 0) break;
    }
    return out;
  }

  private object(table: NftTable, keyword: NftToken): void {
    const kind = keyword.text === 'ct' ? `ct ${this.peek(1)!.text}` : keyword.text;
    this.p += keyword.text === 'ct' ? 2 : 1;
    const header = this.blockHeader(keyword, kind);
    if (!header) return;
    const startLine = keyword.line;
    let depth = 1;
    while (this.has() && depth > 0 && !this.atTableStart()) {
      const t = this.tokens.at(this.p++)!;
      if (t.kind === 'punct' && t.text === '{') depth++;
      if (t.kind === 'punct' && t.text === '}') depth--;
    }
    const endLine = this.tokens.at(this.p - 1)?.line ?? startLine;
    const span = this.span(keyword, header.nameToken);
    table.objects.push({
      kind, name: header.name, ...(header.handle !== undefined ? { handle: header.handle } : {}),
      text: this.lines.slice(startLine - 1, endLine).join('\n').trim(), span,
    });
    this.diags.push(diagnostic('NFT012', span, msg('diag.NFT012.keptAsTextSimulated2', { kind, headerName: header.name }), 'info'));
  }
}

/**
 * Parses `nft list ruleset` (also `nft -a list ...`, `nft list table ...`, `nft list chain ...`)
 * into tables, chains with typed rules, sets, maps and objects. Tables iptables-nft manages are
 * flagged (`managedByIptables`, `NFT010`); jumps and `@set`s to names a table does not declare are
 * reported (`NFT015`). Never throws.
 *
 * @example
 * const { value } = parseNftRuleset('table ip t {\n\tchain c {\n\t\ttcp dport 22 accept\n\t}\n}\n', 'rules.nft');
 * value.tables[0].chains[0].rules[0].statements.map((s) => s.kind); // ['match', 'verdict']
 */
export function parseNftRuleset(text: string, file: string): ParseResult<NftRuleset> {
  const parser = new TextParser(text, file);
  const tables = parser.run();
  markIptablesTables(tables, parser.warned, parser.diags);
  checkReferences(tables, parser.diags);
  return { value: { tables, format: 'text', files: [file] }, diagnostics: parser.diags };
}

/**
 * The lazy form of `parseNftRuleset`, which the model builder uses (issue #8): chains' rules are
 * parsed when first read (`LazyNftChain`). The diagnostics of rule bodies and references
 * (NFT008, NFT009, NFT011 on rule lines, NFT015) come from `deferred()`, which parses every rule
 * once more without keeping it; together they are the eager parser's.
 *
 * @example
 * const r = scanNftRuleset(text, 'nft.txt');
 * r.value.tables[0].chains[0].rules; // parsed here
 * const late = [...r.deferred!()].flat(); // the rule-level diagnostics, a chain at a time
 */
export function scanNftRuleset(text: string, file: string): ParseResult<NftRuleset> {
  const source: NftLazySource = { text, file, origin: { file, line: 0, column: 0 }, starts: [], lines: [] };
  const parser = new TextParser(text, file, source);
  const tables = parser.run();
  markIptablesTables(tables, parser.warned, parser.diags);
  // One step per chain (the sets first), so that a caller can stop between them.
  function* deferred(): Generator<Diagnostic[]> {
    const checkers = new Map<NftChain, ReturnType<typeof referenceChecker>>();
    const ofSets: Diagnostic[] = [];
    for (const table of tables) {
      const check = referenceChecker(table, ofSets);
      check.sets();
      for (const chain of table.chains) checkers.set(chain, check);
    }
    yield ofSets;
    // In the text's order, as the eager parser reads them: NFT009 is reported on a name's first rule.
    const xtSeen = new Set<string>();
    for (const chain of parser.lazyChains) {
      const diags: Diagnostic[] = [];
      checkers.get(chain)!.rules(chain.reparse(diags, xtSeen), diags);
      yield diags;
    }
  }
  return { value: { tables, format: 'text', files: [file], origin: source.origin }, diagnostics: parser.diags, deferred };
}
