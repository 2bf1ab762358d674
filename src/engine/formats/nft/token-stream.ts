/**
 * The tokens the ruleset parser reads: all of them at once (`lexNft`, the eager parser), or
 * lexed as they are read and dropped once passed (the lazy first pass), which can also jump over
 * a rule's line without lexing it.
 */
import { NftLexer, ruleEnd, type NftToken } from './lexer';

export interface TokenSource {
  /** Token `i` of the dump, or undefined past the end. Indices below the last ones read may be gone. */
  at(i: number): NftToken | undefined;
}

export class ArrayTokens implements TokenSource {
  constructor(private readonly tokens: NftToken[]) {}

  at(i: number): NftToken | undefined {
    return this.tokens[i];
  }
}

/** Tokens lexed on demand; only a short window behind the reader is kept. */
export class StreamTokens implements TokenSource {
  private buf: NftToken[] = [];
  private starts: number[] = [];
  /** How many diagnostics there were before each buffered token was lexed (an open quote reports one). */
  private marks: number[] = [];
  private base = 0;
  private done = false;

  constructor(private readonly lexer: NftLexer) {}

  at(i: number): NftToken | undefined {
    // The parser reads at most one token behind its position and two ahead: drop what lies further back.
    if (i - this.base > 8192) {
      const keep = i - 8 - this.base;
      this.buf = this.buf.slice(keep);
      this.starts = this.starts.slice(keep);
      this.marks = this.marks.slice(keep);
      this.base += keep;
    }
    while (i - this.base >= this.buf.length) {
      if (this.done) return undefined;
      const mark = this.lexer.diags.length;
      const t = this.lexer.next();
      if (t === null) {
        this.done = true;
        return undefined;
      }
      this.buf.push(t);
      this.starts.push(this.lexer.start);
      this.marks.push(mark);
    }
    return this.buf[i - this.base];
  }

  /**
   * Passes over the rule whose first token is token `i` without lexing the rest of it: returns
   * its first token's offset; the next token read as `i` is the one that ends the rule (its
   * newline or the `}` closing the chain). What lexing its first tokens reported is withdrawn:
   * the rule's deferred parse reports it.
   */
  skipRule(i: number): number {
    const t = this.at(i)!;
    const start = this.starts[i - this.base]!;
    this.lexer.diags.length = this.marks[i - this.base]!;
    this.buf.length = i - this.base;
    this.starts.length = i - this.base;
    this.marks.length = i - this.base;
    this.done = false;
    this.lexer.line = t.line;
    this.lexer.lineStart = start - t.column + 1;
    this.lexer.seek(ruleEnd(this.lexer.text, start));
    return start;
  }
}
