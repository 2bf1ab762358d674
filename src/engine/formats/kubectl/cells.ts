/** Reading typed values out of kubectl cells: `<none>`, IP addresses, counts. */
import { diagnostic, type Diagnostic, type SourceSpan } from '../../diagnostics';
import { formatIpv4, parseIpv4 } from '../../net/ipv4';
import { looksLikeIpv6, parseUint } from '../ip-link/text-lines';
import type { Cell } from './table';
import { msg } from '../../explain/message';

/** kubectl prints `<none>`, `<pending>`, `<unknown>`, `<unset>` for missing values. @example isPlaceholder('<none>'); // true */
export function isPlaceholder(text: string): boolean {
  return text.startsWith('<') && text.endsWith('>');
}

/** The cell's text, or undefined when the cell is missing, empty or a `<placeholder>`. @example textOf({ text: '<none>', column: 1, endColumn: 7 }); // undefined */
export function textOf(cell: Cell | undefined): string | undefined {
  return cell === undefined || cell.text === '' || isPlaceholder(cell.text) ? undefined : cell.text;
}

/**
 * A NAME or NAMESPACE cell's text: kubectl never prints a placeholder there, so `<x>` is a name
 * (a hostile or odd paste), kept like any other. Undefined only when the cell is missing or empty.
 *
 * @example nameOf({ text: '<script>', column: 1, endColumn: 9 }); // '<script>'
 */
export function nameOf(cell: Cell | undefined): string | undefined {
  return cell === undefined || cell.text === '' ? undefined : cell.text;
}

/** The span of a cell. @example cellSpan('f', 3, cell); // { file: 'f', line: 3, column: cell.column, endColumn: cell.endColumn } */
export function cellSpan(file: string, line: number, cell: Cell): SourceSpan {
  return { file, line, column: cell.column, endColumn: Math.max(cell.endColumn, cell.column) };
}

/**
 * An IP address in dotted IPv4 (normalised) or IPv6 (lower-cased) text; null when not an address.
 *
 * @example normalizeIp('10.244.1.5'); // '10.244.1.5'
 */
export function normalizeIp(text: string): string | null {
  const v4 = parseIpv4(text);
  if (v4 !== null) return formatIpv4(v4);
  return looksLikeIpv6(text) ? text.toLowerCase() : null;
}

/** An IP cell: undefined for `<none>`; a warning (`KUB003`) and undefined for a bad address. @example ipOf(cells.get('IP'), 'Pod IP', file, line, diags); // '10.244.1.5' */
export function ipOf(cell: Cell | undefined, what: string, file: string, line: number, diags: Diagnostic[]): string | undefined {
  const text = textOf(cell);
  if (text === undefined || cell === undefined) return undefined;
  const ip = normalizeIp(text);
  if (ip === null) diags.push(diagnostic('KUB003', cellSpan(file, line, cell), msg('diag.KUB003.ipAddressIgnored', { what, text }), 'warning'));
  return ip ?? undefined;
}

/** `2`, `2 (5m ago)` → 2. @example restartsOf('2 (5m ago)'); // 2 */
export function restartsOf(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const space = text.indexOf(' ');
  return parseUint(space < 0 ? text : text.slice(0, space)) ?? undefined;
}
