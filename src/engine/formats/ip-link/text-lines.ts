/**
 * Line and token splitting shared by the iproute2 and net-tools parsers (and `detect.ts`).
 *
 * Dumps arrive pasted from terminals and blogs: CRLF, a BOM, non-breaking spaces, `ip -c`
 * colour codes and `ip -o`'s backslash line joins. The tokenizer absorbs all of these in one
 * linear pass while keeping every token's 1-based column in the original line, so diagnostics
 * still point at what the user sees.
 */
import type { SourceSpan } from '../../diagnostics';

/** A whitespace-separated word with its 1-based columns in the raw line (`endColumn` exclusive). */
export interface Token {
  text: string;
  column: number;
  endColumn: number;
}

/** One logical line: its 1-based line number and its tokens (never empty). */
export interface TokenLine {
  line: number;
  tokens: Token[];
}

// Space, tab, CR, VT, FF, NBSP, BOM, and the Unicode spaces blogs like to paste.
function isSpace(c: number): boolean {
  if (c > 32 && c < 0xa0) return false; // printable ASCII: the common case
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0xfeff || (c >= 0x2000 && c <= 0x200b)
    || c === 0x3000 || c === 0x202f;
}

/** Fast path for the common line without escape sequences. */
function tokenizePlain(raw: string): Token[] {
  const tokens: Token[] = [];
  const n = raw.length;
  let i = 0;
  while (i < n) {
    while (i < n && isSpace(raw.charCodeAt(i))) i++;
    if (i >= n) break;
    const start = i;
    while (i < n && !isSpace(raw.charCodeAt(i))) i++;
    tokens.push({ text: raw.slice(start, i), column: start + 1, endColumn: i + 1 });
  }
  return tokens;
}

/**
 * Splits one raw line into tokens, skipping ANSI escape sequences without splitting the word
 * around them (`ip -c` prints `\x1b[36meth0\x1b[0m:` for `eth0:`).
 */
export function tokenizeLine(raw: string): Token[] {
  if (raw.indexOf('\x1b') < 0 && raw.indexOf('\x9b') < 0) return tokenizePlain(raw);
  const tokens: Token[] = [];
  let prefix = ''; // the token's text before its last escape sequence
  let start = -1; // index of the token's first character
  let seg = -1; // index where the current escape-free segment of the token began
  let last = -1; // index of the token's last character
  const n = raw.length;
  let i = 0;
  while (i < n) {
    const c = raw.charCodeAt(i);
    if (c === 0x1b || c === 0x9b) {
      if (start >= 0) prefix += raw.slice(seg, last + 1);
      // CSI: ESC [ params final-byte (0x40-0x7e); any other ESC pair is two characters.
      if (c === 0x9b || raw.charCodeAt(i + 1) === 0x5b) {
        i += c === 0x9b ? 1 : 2;
        while (i < n) {
          const f = raw.charCodeAt(i);
          i++;
          if (f >= 0x40 && f <= 0x7e) break;
        }
      } else {
        i = Math.min(i + 2, n);
      }
      seg = i; // the span keeps ending at the last visible character
      continue;
    }
    if (isSpace(c)) {
      if (start >= 0) {
        tokens.push({ text: prefix + raw.slice(seg, last + 1), column: start + 1, endColumn: last + 2 });
        prefix = '';
        start = -1;
      }
    } else {
      if (start < 0) {
        start = i;
        seg = i;
      }
      last = i;
    }
    i++;
  }
  if (start >= 0) tokens.push({ text: prefix + raw.slice(seg, last + 1), column: start + 1, endColumn: last + 2 });
  return tokens;
}

/**
 * `ip -o` joins an object's lines with a backslash (`qlen 1000\    link/ether ...`): split the
 * tokens back into logical lines at a trailing or standalone `\`.
 */
export function splitOneline(tokens: Token[]): Token[][] {
  let parts: Token[][] | null = null;
  let current: Token[] = [];
  for (const t of tokens) {
    if (t.text === '\\') {
      (parts ??= []).push(current);
      current = [];
    } else if (t.text.length > 1 && t.text.endsWith('\\')) {
      current.push({ text: t.text.slice(0, -1), column: t.column, endColumn: t.endColumn - 1 });
      (parts ??= []).push(current);
      current = [];
    } else {
      current.push(t);
    }
  }
  if (parts === null) return [current];
  parts.push(current);
  return parts.filter((p) => p.length > 0);
}

/**
 * Calls `visit` for every non-blank logical line of `text`, in order, without holding all the
 * lines' tokens at once. Linear in the text's length.
 */
export function forEachTokenLine(text: string, visit: (line: number, tokens: Token[]) => void): void {
  let start = 0;
  let line = 1;
  const n = text.length;
  while (start <= n) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = n;
    const tokens = tokenizeLine(text.slice(start, end));
    if (tokens.length > 0) {
      const hasJoin = tokens.some((t) => t.text.endsWith('\\'));
      if (!hasJoin) visit(line, tokens);
      else for (const part of splitOneline(tokens)) visit(line, part);
    }
    start = end + 1;
    line++;
  }
}

/** Every non-blank logical line of `text`, in order. */
export function tokenLines(text: string): TokenLine[] {
  const out: TokenLine[] = [];
  forEachTokenLine(text, (line, tokens) => out.push({ line, tokens }));
  return out;
}

/**
 * True for lines a human added around the output: shell prompts (`$ ip a`,
 * `root@node:~# ip route`, `[root@worker1 ~]# netstat -nr`, `(⎈|kind:N/A) root@host:~# ...`),
 * `#` comments and Markdown code fences. No iproute2 or net-tools word ends in `#` or `$`.
 */
export function isPromptOrNoise(tokens: Token[]): boolean {
  const first = tokens[0]?.text ?? '';
  if (first.startsWith('#') || first.startsWith('```') || first.startsWith('~~~')) return true;
  const limit = Math.min(tokens.length, 4);
  for (let i = 0; i < limit; i++) {
    const t = tokens[i]!.text;
    if (t.endsWith('#') || t.endsWith('$') || t === '%' || t === '❯' || t === '➜') return true;
  }
  return false;
}

/** The command words after the prompt, e.g. `["ip", "route", "show", "table", "all"]`. */
export function promptCommand(tokens: Token[]): string[] {
  const limit = Math.min(tokens.length, 4);
  for (let i = 0; i < limit; i++) {
    const t = tokens[i]!.text;
    if (t.endsWith('#') || t.endsWith('$') || t === '%' || t === '❯' || t === '➜') {
      return tokens.slice(i + 1).map((x) => x.text);
    }
  }
  return [];
}

export function tokenSpan(file: string, line: number, token: Token): SourceSpan {
  return { file, line, column: token.column, endColumn: token.endColumn };
}

/** The span from the first to the last token of a line. */
export function lineSpan(file: string, line: number, tokens: Token[]): SourceSpan {
  const first = tokens[0];
  const last = tokens[tokens.length - 1];
  if (!first || !last) return { file, line, column: 1 };
  return { file, line, column: first.column, endColumn: last.endColumn };
}

/** A non-negative decimal integer of at most 10 digits, else null. */
export function parseUint(text: string | undefined): number | null {
  if (text === undefined || text.length === 0 || text.length > 10) return null;
  let v = 0;
  for (let i = 0; i < text.length; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return null;
    v = v * 10 + d;
  }
  return v;
}

/** A decimal or `0x` hexadecimal 32-bit unsigned integer (fwmarks, `flags=4163`), else null. */
export function parseUint32(text: string | undefined): number | null {
  if (text === undefined) return null;
  if (text.startsWith('0x') || text.startsWith('0X')) {
    const hex = text.slice(2);
    if (hex.length === 0 || hex.length > 8) return null;
    let v = 0;
    for (let i = 0; i < hex.length; i++) {
      const c = hex.charCodeAt(i);
      const d = c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : c >= 65 && c <= 70 ? c - 55 : -1;
      if (d < 0) return null;
      v = v * 16 + d;
    }
    return v;
  }
  const v = parseUint(text);
  return v !== null && v <= 0xffffffff ? v : null;
}

/**
 * IPv6 text check: hex digits and colons with `::`, or all eight groups (the last two may be a
 * dotted quad). Rejects MAC addresses (`a2:7f:3c:11:4e:01`), which share the alphabet.
 */
export function looksLikeIpv6(text: string): boolean {
  if (text.length < 2 || text.length > 45) return false;
  let colons = 0;
  let dots = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 58) colons++;
    else if (c === 46) dots++;
    else if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70))) return false;
  }
  if (text.includes('::')) return colons <= 7;
  return colons === 7 || (colons === 6 && dots === 3);
}
