/**
 * Deferred rule bodies for `nft list ruleset` (issue #8), as `iptables/lazy-chains.ts` does for
 * iptables-save: the first pass reads tables, chain headers, base-chain lines, sets and maps, but
 * of each rule line it only keeps where it starts. A chain's `rules` are parsed the first time
 * anything reads them (the walk, the chain view, the iptables-nft check), so a 30 MB kube-proxy
 * ruleset of 100,000 endpoint chains is ready after one cheap pass, and the rules nobody looks
 * at never exist.
 *
 * A rule never spans lines (nft prints anonymous sets on the rule's line), and tokens never
 * cross a line, so a rule is re-read from its first token's offset with a fresh lexer.
 * Diagnostics of the rule bodies (NFT008/NFT009/NFT011 on rule lines, NFT015) come from the
 * ruleset's `deferred()` check, which parses every rule once more without keeping it.
 *
 * Line numbers: rules are parsed with `origin.line` added. `origin` is a span-like object on the
 * ruleset, so `relocateSpans` (bundle sections) moves it like any other span, and rules parsed
 * later land on the bundle's lines.
 */
import type { Diagnostic, SourceSpan } from '../../diagnostics';
import { NftLexer, ruleEnd, type NftToken } from './lexer';
import { parseRuleTokens } from './statements';
import type { NftBaseChain, NftChain, NftRule } from './types';

/** The text the offsets point into, and the span that carries the line offset of bundle sections. */
export interface NftLazySource {
  text: string;
  file: string;
  origin: SourceSpan;
  /** Offset of each pending rule's first token, and its line (before `origin`): flat, for the whole dump. */
  starts: number[];
  lines: number[];
}

/** `# handle N` → N. */
export function handleOf(t: NftToken | undefined): number | undefined {
  const m = t?.kind === 'comment' ? /^# handle (\d{1,10})$/.exec(t.text) : null;
  return m ? Number(m[1]) : undefined;
}

/**
 * Builds a rule from its tokens (no newline; comments kept for the handle), as the eager parser
 * does. `lineText` is the rule's line.
 */
export function ruleOf(toks: NftToken[], lineText: string, file: string, diags: Diagnostic[], xtSeen: Set<string>): NftRule | null {
  let handle: number | undefined;
  const body: NftToken[] = [];
  for (const t of toks) {
    if (t.kind === 'comment') handle = handleOf(t) ?? handle;
    else body.push(t);
  }
  if (body.length === 0) return null;
  const parsed = parseRuleTokens(body, file, diags, xtSeen);
  const first = body[0]!;
  const last = body[body.length - 1]!;
  const text = last.line === first.line ? lineText.slice(first.column - 1, last.endColumn - 1) : body.map((x) => x.text).join(' ');
  return {
    ...(handle !== undefined ? { handle } : {}), ...(parsed.comment !== undefined ? { comment: parsed.comment } : {}),
    statements: parsed.statements, text, opaque: parsed.opaque,
    span: { file, line: first.line, column: first.column, endColumn: last.line === first.line ? last.endColumn : first.endColumn },
  };
}

/** Parses rules `first` .. `first + count - 1` of `source`, in order. */
export function parsePendingNftRules(source: NftLazySource, first: number, count: number, diags: Diagnostic[], xtSeen: Set<string>): NftRule[] {
  const rules: NftRule[] = [];
  const { text, file } = source;
  for (let k = first; k < first + count; k++) {
    const start = source.starts[k]!;
    const lineStart = text.lastIndexOf('\n', start - 1) + 1;
    const end = ruleEnd(text, start);
    const lexer = new NftLexer(text, file, diags, start, source.lines[k]! + source.origin.line, lineStart);
    lexer.seek(start);
    const toks: NftToken[] = [];
    for (let t = lexer.next(); t !== null && lexer.start < end; t = lexer.next()) toks.push(t);
    let lineEnd = text.indexOf('\n', start);
    if (lineEnd < 0) lineEnd = text.length;
    const rule = ruleOf(toks, text.slice(lineStart, lineEnd), file, diags, xtSeen);
    if (rule) rules.push(rule);
  }
  return rules;
}

/**
 * A chain of a lazily read ruleset: `rules` is parsed on first read and kept. The rules live in
 * private fields, so walks over the model (relocation, fuzzing) do not parse what nobody asked
 * for. Diagnostics found on the way are dropped: the ruleset's `deferred()` reports them.
 */
export class LazyNftChain implements NftChain {
  readonly name: string;
  handle?: number;
  comment?: string;
  base?: NftBaseChain;
  span: SourceSpan;
  #rules: NftRule[] | null = null;
  readonly #source: NftLazySource;
  #first: number;
  #count = 0;

  constructor(name: string, span: SourceSpan, source: NftLazySource) {
    this.name = name;
    this.span = span;
    this.#source = source;
    this.#first = source.starts.length;
  }

  /** Records the next rule line of this chain (the first pass). */
  pend(start: number, line: number): void {
    const s = this.#source;
    s.starts.push(start);
    s.lines.push(line);
    this.#count++;
  }

  get rules(): NftRule[] {
    this.#rules ??= parsePendingNftRules(this.#source, this.#first, this.#count, [], new Set());
    return this.#rules;
  }

  set rules(rules: NftRule[]) {
    this.#rules = rules;
  }

  /** The rules parsed again from the text, not kept, with their diagnostics (the deferred check). */
  reparse(diags: Diagnostic[], xtSeen: Set<string>): NftRule[] {
    return parsePendingNftRules(this.#source, this.#first, this.#count, diags, xtSeen);
  }

  /** The number of rules, without parsing them. */
  get ruleCount(): number {
    return this.#rules ? this.#rules.length : this.#count;
  }

  get deferred(): boolean {
    return this.#rules === null;
  }
}
