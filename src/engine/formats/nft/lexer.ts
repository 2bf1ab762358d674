/**
 * Tokens of `nft list` output, with 1-based line and column. nft prints its operators with spaces
 * around them (`ip daddr . meta l4proto`, `dstnat - 10`, `0 : goto x`, `syn / fin,syn`), so a
 * word is any run of characters that are neither space nor one of `{ } ; , @ ( ) | ^ & = ! < > " #`:
 * names with `/ . : -` (`service-2QRHZV4L-default/kubernetes/tcp/https`), addresses, prefixes,
 * ranges and `10.0.0.1:8080` stay whole. One pass, linear in the text.
 */
import { diagnostic, type Diagnostic } from '../../diagnostics';

export type TokenKind = 'word' | 'string' | 'punct' | 'comment' | 'newline';

export interface NftToken {
  kind: TokenKind;
  /** The text as written; for strings, the value without quotes and escapes. */
  text: string;
  line: number;
  column: number;
  /** Exclusive. */
  endColumn: number;
  /** True when no space separates this token from the previous one (`established,related`). */
  glued: boolean;
}

const PUNCT = new Set(['{', '}', ';', ',', '@', '(', ')', '|', '^', '&', '=', '!', '<', '>']);
const TWO_CHAR = new Set(['!=', '==', '<=', '>=', '<<', '>>']);

function isSpace(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\r' || c === '\v' || c === '\f' || c === '\u00a0' || c === '\uFEFF';
}

/**
 * A resumable lexer: `next()` reads one token at a time from `pos`. Tokens never cross a line
 * (strings and comments end at the newline), so a lexer can be started at any line's start, or at
 * any token's start with `line`, `lineStart` and `glued` set as they were there: the lazy chain
 * bodies (`lazy-rules.ts`) re-read a rule's line this way.
 */
export class NftLexer {
  pos: number;
  line: number;
  lineStart: number;
  glued = false;
  /** The offset where the token `next()` returned last starts. */
  start = 0;
  readonly n: number;

  constructor(readonly text: string, readonly file: string, readonly diags: Diagnostic[], pos = 0, line = 1, lineStart = 0) {
    this.pos = pos;
    this.line = line;
    this.lineStart = lineStart;
    this.n = text.length;
  }

  /** Moves to offset `pos` on the current line; `glued` as the lexer would have it there. */
  seek(pos: number): void {
    this.pos = pos;
    this.glued = pos > this.lineStart && !isSpace(this.text[pos - 1]!);
  }

  private token(kind: TokenKind, value: string, start: number, end: number): NftToken {
    const t: NftToken = { kind, text: value, line: this.line, column: start - this.lineStart + 1, endColumn: end - this.lineStart + 1, glued: this.glued };
    this.glued = true;
    this.start = start;
    return t;
  }

  /** The next token, or null at the end of the text. */
  next(): NftToken | null {
    const { text, n } = this;
    let i = this.pos;
    while (i < n) {
      const c = text[i]!;
      if (c === '\n') {
        const t = this.token('newline', '\n', i, i);
        this.line++;
        this.lineStart = i + 1;
        this.glued = false;
        this.pos = i + 1;
        return t;
      } else if (isSpace(c)) {
        this.glued = false;
        i++;
      } else if (c === '#') {
        let end = text.indexOf('\n', i);
        if (end < 0) end = n;
        let stop = end;
        while (stop > i && isSpace(text[stop - 1]!)) stop--;
        this.pos = end;
        return this.token('comment', text.slice(i, stop), i, stop);
      } else if (c === '"') {
        let value = '';
        let j = i + 1;
        let closed = false;
        while (j < n && text[j] !== '\n') {
          const d = text[j]!;
          if (d === '\\' && j + 1 < n && text[j + 1] !== '\n') {
            value += text[j + 1];
            j += 2;
          } else if (d === '"') {
            closed = true;
            j++;
            break;
          } else {
            value += d;
            j++;
          }
        }
        let end = j;
        while (!closed && end > i + 1 && text[end - 1] === '\r') end--;
        if (!closed) this.diags.push(diagnostic('NFT011', { file: this.file, line: this.line, column: i - this.lineStart + 1, endColumn: end - this.lineStart + 1 }, undefined, 'warning'));
        this.pos = j;
        return this.token('string', value, i, end);
      } else if (PUNCT.has(c)) {
        const two = text.slice(i, i + 2);
        if (TWO_CHAR.has(two)) {
          this.pos = i + 2;
          return this.token('punct', two, i, i + 2);
        }
        this.pos = i + 1;
        return this.token('punct', c, i, i + 1);
      } else {
        const start = i;
        while (i < n) {
          const d = text[i]!;
          if (d === '\n' || d === '"' || d === '#' || isSpace(d) || PUNCT.has(d)) break;
          i++;
        }
        this.pos = i;
        return this.token('word', text.slice(start, i), start, i);
      }
    }
    this.pos = i;
    return null;
  }
}

/**
 * Where the rule starting at `from` ends, as `TextParser.rule` reads it: at the newline (its
 * offset), or before a `}` that closes more braces than the rule opened. Strings and comments
 * are skipped as the lexer reads them, so a `}` inside them does not count. No allocation.
 */
export function ruleEnd(text: string, from: number): number {
  const n = text.length;
  let depth = 0;
  let i = from;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 10) return i;
    if (c === 34) {
      let j = i + 1;
      while (j < n && text.charCodeAt(j) !== 10) {
        const d = text.charCodeAt(j);
        if (d === 92 && j + 1 < n && text.charCodeAt(j + 1) !== 10) j += 2;
        else if (d === 34) {
          j++;
          break;
        } else j++;
      }
      i = j;
      continue;
    }
    if (c === 35) {
      const end = text.indexOf('\n', i);
      return end < 0 ? n : end;
    }
    if (c === 125 && depth-- <= 0) return i;
    if (c === 123) depth++;
    i++;
  }
  return n;
}

/**
 * Splits nft text into tokens. `#` starts a comment to the end of the line (`# handle 5`,
 * `# Warning: table ip nat is managed by iptables-nft, do not touch!`); a quote left open ends at
 * the end of its line with an `NFT011` diagnostic.
 *
 * @example lexNft('ip daddr @nodeport-ips # handle 4', 'r.nft', []).map((t) => t.text);
 * // ['ip', 'daddr', '@', 'nodeport-ips', '# handle 4']
 */
export function lexNft(text: string, file: string, diags: Diagnostic[]): NftToken[] {
  const tokens: NftToken[] = [];
  const lexer = new NftLexer(text, file, diags);
  for (let t = lexer.next(); t !== null; t = lexer.next()) tokens.push(t);
  return tokens;
}
