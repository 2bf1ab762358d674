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
 * Splits nft text into tokens. `#` starts a comment to the end of the line (`# handle 5`,
 * `# Warning: table ip nat is managed by iptables-nft, do not touch!`); a quote left open ends at
 * the end of its line with an `NFT011` diagnostic.
 *
 * @example lexNft('ip daddr @nodeport-ips # handle 4', 'r.nft', []).map((t) => t.text);
 * // ['ip', 'daddr', '@', 'nodeport-ips', '# handle 4']
 */
export function lexNft(text: string, file: string, diags: Diagnostic[]): NftToken[] {
  const tokens: NftToken[] = [];
  let line = 1;
  let lineStart = 0;
  let glued = false;
  const n = text.length;
  let i = 0;
  const push = (kind: TokenKind, value: string, start: number, end: number) => {
    tokens.push({ kind, text: value, line, column: start - lineStart + 1, endColumn: end - lineStart + 1, glued });
    glued = true;
  };
  while (i < n) {
    const c = text[i]!;
    if (c === '\n') {
      push('newline', '\n', i, i);
      line++;
      lineStart = i + 1;
      glued = false;
      i++;
    } else if (isSpace(c)) {
      glued = false;
      i++;
    } else if (c === '#') {
      let end = text.indexOf('\n', i);
      if (end < 0) end = n;
      let stop = end;
      while (stop > i && isSpace(text[stop - 1]!)) stop--;
      push('comment', text.slice(i, stop), i, stop);
      i = end;
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
      if (!closed) diags.push(diagnostic('NFT011', { file, line, column: i - lineStart + 1, endColumn: end - lineStart + 1 }, undefined, 'warning'));
      push('string', value, i, end);
      i = j;
    } else if (PUNCT.has(c)) {
      const two = text.slice(i, i + 2);
      if (TWO_CHAR.has(two)) {
        push('punct', two, i, i + 2);
        i += 2;
      } else {
        push('punct', c, i, i + 1);
        i++;
      }
    } else {
      const start = i;
      while (i < n) {
        const d = text[i]!;
        if (d === '\n' || d === '"' || d === '#' || isSpace(d) || PUNCT.has(d)) break;
        i++;
      }
      push('word', text.slice(start, i), start, i);
    }
  }
  return tokens;
}
