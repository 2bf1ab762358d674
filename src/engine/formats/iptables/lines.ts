/**
 * Line splitting shared by the three parsers: a UTF-8 BOM is dropped, CRLF and LF both end a
 * line, and each line knows where its content ends, so spans can stop before trailing spaces
 * (iptables 1.4.x ends every rule with one).
 */

export interface SourceLine {
  /** 1-based line number. */
  number: number;
  /** The line without its terminator. */
  text: string;
  /** Index of the first non-blank character (text.length when blank). */
  start: number;
  /** Index just after the last non-blank character. */
  end: number;
}

function isBlank(code: number): boolean {
  return code === 32 || code === 9 || code === 13 || code === 12 || code === 11;
}

/** Splits `text` into lines; linear time, no regular expressions. */
export function splitLines(text: string): SourceLine[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lines: SourceLine[] = [];
  let from = 0;
  let number = 1;
  while (from <= body.length) {
    let to = body.indexOf('\n', from);
    if (to < 0) to = body.length;
    let lineText = body.slice(from, to);
    if (lineText.endsWith('\r')) lineText = lineText.slice(0, -1);
    let start = 0;
    while (start < lineText.length && isBlank(lineText.charCodeAt(start))) start++;
    let end = lineText.length;
    while (end > start && isBlank(lineText.charCodeAt(end - 1))) end--;
    lines.push({ number, text: lineText, start, end });
    number++;
    from = to + 1;
  }
  return lines;
}

/** Orders diagnostics by position (stable), since some are only found after the whole text is read. */
export function sortByPosition<T extends { line: number; column: number }>(items: T[]): T[] {
  return items.sort((a, b) => a.line - b.line || a.column - b.column);
}
