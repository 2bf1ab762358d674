/**
 * A cursor over the tokens of one rule, set declaration line or element list. Newlines have been
 * removed by the caller, so an anonymous set may span lines.
 */
import type { Diagnostic, SourceSpan } from '../../diagnostics';
import type { NftToken } from './lexer';

export class Cursor {
  i = 0;
  /** Nesting of anonymous sets and hash keys being read; deeper than 32 is refused (no stack overflow). */
  depth = 0;

  constructor(
    readonly tokens: NftToken[],
    readonly file: string,
    readonly diags: Diagnostic[],
  ) {}

  peek(k = 0): NftToken | undefined {
    return this.tokens[this.i + k];
  }

  /** The text of the token `k` ahead when it is a word. */
  word(k = 0): string | undefined {
    const t = this.tokens[this.i + k];
    return t?.kind === 'word' ? t.text : undefined;
  }

  isWord(text: string, k = 0): boolean {
    const t = this.tokens[this.i + k];
    return t?.kind === 'word' && t.text === text;
  }

  isPunct(text: string, k = 0): boolean {
    const t = this.tokens[this.i + k];
    return t?.kind === 'punct' && t.text === text;
  }

  next(): NftToken | undefined {
    return this.tokens[this.i++];
  }

  atEnd(): boolean {
    return this.i >= this.tokens.length;
  }

  /** The span from token `start` to the last consumed token (the first token's line only). */
  spanFrom(start: number, end = this.i): SourceSpan {
    const first = this.tokens[start] ?? this.tokens[this.tokens.length - 1];
    if (!first) return { file: this.file, line: 1, column: 1 };
    const last = this.tokens[Math.max(start, end - 1)] ?? first;
    const endColumn = last.line === first.line ? last.endColumn : first.endColumn;
    return { file: this.file, line: first.line, column: first.column, endColumn };
  }

  /** The source-like text of tokens `start` to `end`: strings re-quoted, glued tokens unspaced. */
  textFrom(start: number, end = this.i): string {
    let out = '';
    for (let k = start; k < end && k < this.tokens.length; k++) {
      const t = this.tokens[k]!;
      const text = t.kind === 'string' ? JSON.stringify(t.text) : t.text;
      out += k === start || t.glued ? text : ` ${text}`;
    }
    return out;
  }

  /** Skips to the next `,` or the `}` closing the current level (not consumed); returns false at the end. */
  skipToSeparator(): boolean {
    let depth = 0;
    while (!this.atEnd()) {
      const t = this.peek()!;
      if (t.kind === 'punct') {
        if (t.text === '{' || t.text === '(') depth++;
        else if (t.text === '}' || t.text === ')') {
          if (depth === 0) return true;
          depth--;
        } else if (t.text === ',' && depth === 0) return true;
      }
      this.i++;
    }
    return false;
  }
}
