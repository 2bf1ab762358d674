/**
 * Finds where each element of the top-level `"nftables": [...]` array of `nft -j` output starts
 * and ends, without parsing it. Each element is then parsed on its own, which gives every object
 * a position (JSON has no line numbers of its own) and lets a truncated or damaged paste still
 * yield its intact elements. One pass, linear, no recursion.
 */
import { msg, type Msg } from '../../explain/message';

export interface ElementRange {
  start: number;
  /** Exclusive; the text's length when the element is cut off. */
  end: number;
}

export interface ScanResult {
  ranges: ElementRange[];
  /** Offset and reason when there is no `"nftables"` array to read. */
  error?: { offset: number; message: Msg };
}

function skipString(text: string, i: number): number {
  let j = i + 1;
  while (j < text.length) {
    const c = text[j]!;
    if (c === '\\') j += 2;
    else if (c === '"') return j + 1;
    else j++;
  }
  return text.length;
}

function skipSpace(text: string, i: number): number {
  while (i < text.length && (text[i] === ' ' || text[i] === '\n' || text[i] === '\r' || text[i] === '\t' || text[i] === '\uFEFF')) i++;
  return i;
}

/** The end of the JSON value starting at `i` (brackets balanced, strings skipped). */
function valueEnd(text: string, i: number): number {
  let depth = 0;
  let j = i;
  while (j < text.length) {
    const c = text[j]!;
    if (c === '"') {
      j = skipString(text, j);
      if (depth === 0) return j;
      continue;
    }
    if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      if (depth === 0) return j;
      depth--;
      if (depth === 0) return j + 1;
    } else if (c === ',' && depth === 0) return j;
    j++;
  }
  return text.length;
}

/**
 * @example scanNftablesArray('{"nftables": [{"table": {}}, {"chain": {}}]}').ranges;
 * // [{ start: 14, end: 27 }, { start: 29, end: 42 }]
 */
export function scanNftablesArray(text: string): ScanResult {
  // The "nftables" key of the top-level object: the first string at depth 1 equal to it.
  let depth = 0;
  let i = 0;
  let found = -1;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"') {
      const end = skipString(text, i);
      if (depth === 1 && text.slice(i, end) === '"nftables"') {
        found = end;
        break;
      }
      i = end;
      continue;
    }
    if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') depth--;
    i++;
  }
  if (found < 0) return { ranges: [], error: { offset: 0, message: msg('diag.NFT013.noNftablesArray') } };
  i = skipSpace(text, found);
  if (text[i] === ':') i = skipSpace(text, i + 1);
  if (text[i] !== '[') return { ranges: [], error: { offset: i, message: msg('diag.NFT013.notAnArray') } };
  i++;
  const ranges: ElementRange[] = [];
  for (;;) {
    i = skipSpace(text, i);
    while (text[i] === ',') i = skipSpace(text, i + 1);
    if (i >= text.length || text[i] === ']') break;
    const start = i;
    const end = Math.max(valueEnd(text, i), start + 1);
    ranges.push({ start, end: Math.min(end, text.length) });
    i = end;
  }
  return { ranges };
}

/** 1-based line and column of `offset`, given the offsets where lines start (sorted). */
export function lineColumn(lineStarts: number[], offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - lineStarts[lo]! + 1 };
}

export function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}
