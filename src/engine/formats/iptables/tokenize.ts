/**
 * A shell-like tokenizer for one iptables rule line, written after iptables-restore's own
 * `add_param_to_argv`: words split on spaces and tabs, double quotes group, and a backslash
 * escapes the next character only inside double quotes. Single quotes are not special, because
 * iptables-save never emits them as quotes (`xtables_save_string` escapes `'` inside `"…"`).
 */
import { diagnostic, type Diagnostic } from '../../diagnostics';
import { msg } from '../../explain/message';

/** One word of a rule line; columns are 1-based UTF-16 positions in the line, `endColumn` exclusive. */
export interface Token {
  /** The value with quotes removed and escapes resolved. */
  text: string;
  column: number;
  endColumn: number;
  /** True when any part of the word was inside double quotes: `"-x"` is a value, never an option. */
  quoted: boolean;
}

export interface TokenizeResult {
  tokens: Token[];
  diagnostics: Diagnostic[];
}

function isBlank(code: number): boolean {
  return code === 32 || code === 9;
}

/**
 * Splits `line` into tokens, starting at index `from`. Linear in the line length.
 * An unterminated quote yields IPT008 and the rest of the line becomes one token.
 *
 * @example
 * tokenizeLine('-m comment --comment "a \\"b\\""', 'f', 1).tokens.map((t) => t.text);
 * // → ['-m', 'comment', '--comment', 'a "b"']
 */
export function tokenizeLine(line: string, file: string, lineNo: number, from = 0): TokenizeResult {
  const tokens: Token[] = [];
  const diagnostics: Diagnostic[] = [];
  const n = line.length;
  let i = from;
  while (i < n) {
    while (i < n && isBlank(line.charCodeAt(i))) i++;
    if (i >= n) break;
    const start = i;
    // A plain word (no quote) is one slice; only a quoted word is assembled from parts.
    while (i < n && !isBlank(line.charCodeAt(i)) && line.charCodeAt(i) !== 34) i++;
    if (i >= n || isBlank(line.charCodeAt(i))) {
      tokens.push({ text: line.slice(start, i), column: start + 1, endColumn: i + 1, quoted: false });
      continue;
    }
    let text = line.slice(start, i);
    let quoted = false;
    while (i < n && !isBlank(line.charCodeAt(i))) {
      if (line.charCodeAt(i) !== 34 /* " */) {
        // Copy the whole unquoted run at once.
        const runStart = i;
        while (i < n && !isBlank(line.charCodeAt(i)) && line.charCodeAt(i) !== 34) i++;
        text += line.slice(runStart, i);
        continue;
      }
      quoted = true;
      const quoteAt = i;
      i++;
      let closed = false;
      let chunkStart = i;
      while (i < n) {
        const c = line.charCodeAt(i);
        if (c === 92 /* \ */ && i + 1 < n) {
          text += line.slice(chunkStart, i) + (line[i + 1] as string);
          i += 2;
          chunkStart = i;
        } else if (c === 34) {
          text += line.slice(chunkStart, i);
          i++;
          closed = true;
          break;
        } else {
          i++;
        }
      }
      if (!closed) {
        text += line.slice(chunkStart, n);
        diagnostics.push(
          diagnostic('IPT008', { file, line: lineNo, column: quoteAt + 1, endColumn: n + 1 },
            msg('diag.IPT008.unterminatedQuotedStringRest')),
        );
        i = n;
      }
    }
    tokens.push({ text, column: start + 1, endColumn: i + 1, quoted });
  }
  return { tokens, diagnostics };
}

/**
 * A whitespace-only word splitter for `iptables -L` rows, where quotes carry no meaning.
 * Returns the same Token shape (never quoted).
 */
export function splitWords(line: string, from = 0, to = line.length): Token[] {
  const words: Token[] = [];
  let i = from;
  while (i < to) {
    while (i < to && isBlank(line.charCodeAt(i))) i++;
    if (i >= to) break;
    const start = i;
    while (i < to && !isBlank(line.charCodeAt(i))) i++;
    words.push({ text: line.slice(start, i), column: start + 1, endColumn: i + 1, quoted: false });
  }
  return words;
}
