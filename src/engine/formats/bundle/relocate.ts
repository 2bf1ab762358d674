/**
 * Moving a parser's spans from section coordinates to bundle coordinates. A section's `text`
 * keeps the bundle's columns, so only the line changes: line L of the section is line
 * `L + section.lineOffset` of the bundle. Parse a section with the bundle's file name, then
 * relocate the result:
 *
 * ```ts
 * const r = relocateResult(parseIpRoute(section.text, bundleFile), section);
 * // r.value.routes[0].span.line and r.diagnostics[0].line are now bundle lines
 * ```
 */
import type { ParseResult } from '../../diagnostics';

function isSpan(o: object): o is { line: number; column: number; file: string } {
  const r = o as Record<string, unknown>;
  return typeof r.line === 'number' && typeof r.column === 'number' && typeof r.file === 'string';
}

/**
 * Adds `lineOffset` to the `line` of every span-like object (`{file, line, column}`) reachable
 * from `value` through objects, arrays, Maps and Sets, in place. Each object is visited once,
 * so a span shared by two values moves once. Iterative (no recursion limit), linear in the value's size.
 *
 * @example relocateSpans({ span: { file: 'b.txt', line: 2, column: 1 } }, 40); // span.line === 42
 */
export function relocateSpans<T>(value: T, lineOffset: number): T {
  if (lineOffset === 0) return value;
  // A Set, not a WeakSet: the walk is short-lived, and WeakSet slows down badly with millions of objects.
  const seen = new Set<object>();
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (v === null || typeof v !== 'object' || seen.has(v)) continue;
    seen.add(v);
    if (v instanceof Map) {
      for (const [k, x] of v) stack.push(k, x);
    } else if (v instanceof Set || Array.isArray(v)) {
      for (const x of v) stack.push(x);
    } else {
      if (isSpan(v)) (v as { line: number }).line += lineOffset;
      for (const x of Object.values(v)) if (x !== null && typeof x === 'object') stack.push(x);
    }
  }
  return value;
}

/**
 * Relocates a parser's value and diagnostics from a section to the bundle, in place.
 *
 * @example relocateResult(parseIpNeigh(section.text, 'node-1.bundle'), section);
 */
export function relocateResult<T>(result: ParseResult<T>, section: { lineOffset: number }): ParseResult<T> {
  relocateSpans(result, section.lineOffset);
  return result;
}
