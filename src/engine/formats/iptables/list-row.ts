/**
 * The fixed columns of an `iptables -L` row (`print_rule_details` in iptables):
 *   [num] [pkts bytes] target prot opt [in out] source destination  free-text
 * Columns are found by position, anchored on the opt word (`--`, `-f`, `!f`), because the
 * target can be blank and long names overflow their column. ip6tables ≤1.8.8 prints a blank
 * opt column; then the protocol word is the anchor.
 */
import { diagnostic, type Diagnostic, type SourceSpan } from '../../diagnostics';
import { parseIpv4, parseIpv4Net, parseProtocol } from '../../net/ipv4';
import { buildBasicMatch, type FamilyFlags } from './basic-match';
import type { SourceLine } from './lines';
import { splitWords, type Token } from './tokenize';
import type { Counters, Match } from './types';
import { msg } from '../../explain/message';

export interface ListColumns {
  num: boolean;
  counters: boolean;
  ifaces: boolean;
}

export interface ListRow {
  counters?: Counters;
  target: Token | null;
  /** Basic matches in save order: -s -d -i -o -p -f. */
  matches: Match[];
  /** Index in the line where the free text (matches, target info) begins. */
  restFrom: number;
  families: FamilyFlags;
}

/** The column header line: `[num] [pkts bytes] target prot opt [in out] source destination`. */
export function parseColumnHeader(words: Token[]): ListColumns | null {
  const names = words.map((w) => w.text);
  if (!names.includes('target') || !names.includes('prot') || !names.includes('source') || !names.includes('destination')) return null;
  return { num: names[0] === 'num', counters: names.includes('pkts'), ifaces: names.includes('in') };
}

const SUFFIX: Readonly<Record<string, number>> = { K: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15 };

/** `6322K` → 6322000 (iptables divides by 1000 per suffix); null when not a count. */
export function parseListCount(text: string | undefined): number | null {
  if (!text) return null;
  const mult = SUFFIX[text[text.length - 1] as string] ?? 1;
  const digits = mult === 1 ? text : text.slice(0, -1);
  return /^\d{1,20}$/.test(digits) ? Number(digits) * mult : null;
}

function isProt(text: string): boolean {
  return parseProtocol(text.startsWith('!') ? text.slice(1) : text) !== null;
}

const OPT = new Set(['--', '-f', '!f']);

/**
 * Host names `iptables -L` printed without -n. `ip-10-0-1-2.…` (AWS, GCP-style reverse DNS)
 * encodes the address; `localhost`/`loopback` are fixed; anything else cannot be recovered.
 */
function resolveName(host: string): string | null {
  if (host === 'localhost') return '127.0.0.1';
  if (host === 'loopback') return '127.0.0.0';
  if (host.startsWith('ip-')) {
    const label = host.slice(3).split('.')[0] ?? '';
    const dotted = label.split('-').join('.');
    if (parseIpv4(dotted) !== null) return dotted;
  }
  return null;
}

function addressMatch(kind: 'src' | 'dst', w: Token, row: ListRow, file: string, line: number, diagnostics: Diagnostic[]): void {
  const negate = w.text.startsWith('!');
  let text = negate ? w.text.slice(1) : w.text;
  if (!negate && (text === 'anywhere' || text === '0.0.0.0/0' || text === '::/0')) return;
  if (text === 'anywhere') text = '0.0.0.0/0';
  const span: SourceSpan = { file, line, column: w.column, endColumn: w.endColumn };
  const value: Token = { ...w, text, column: negate ? w.column + 1 : w.column };
  if (!text.includes(':') && parseIpv4Net(text) === null) {
    const slash = text.indexOf('/');
    const host = slash < 0 ? text : text.slice(0, slash);
    const resolved = resolveName(host);
    if (resolved === null) {
      diagnostics.push(diagnostic('IPT009', span, msg('diag.IPT009.reverseDnsNameAddress', { host, side: kind === 'src' ? 'source' : 'destination' }), 'warning', msg('diag.hint.useIptablesNlS')));
      return;
    }
    value.text = resolved + (slash < 0 ? '' : text.slice(slash));
    if (host !== 'localhost' && host !== 'loopback') {
      diagnostics.push(diagnostic('IPT009', span, msg('diag.IPT009.hostNameReadBack', { host, resolved }), 'info'));
    }
  }
  const result = buildBasicMatch(kind, negate, value, span, diagnostics);
  row.matches.push(result.match);
  row.families |= result.families;
}

function ifaceMatch(kind: 'iif' | 'oif', w: Token, row: ListRow, file: string, line: number): void {
  const negate = w.text.startsWith('!');
  const name = negate ? w.text.slice(1) : w.text;
  if (!negate && (name === '*' || name === 'any')) return;
  row.matches.push({ kind, negate, name, span: { file, line, column: w.column, endColumn: w.endColumn } });
}

/** Reads the fixed columns of a row; null when the line does not have the shape of a row. */
export function parseListRow(line: SourceLine, columns: ListColumns | null, file: string, diagnostics: Diagnostic[]): ListRow | null {
  const words = splitWords(line.text, line.start, line.end);
  const w = (i: number): Token | undefined => words[i];
  const cols = columns ?? {
    num: false,
    counters: parseListCount(w(0)?.text) !== null && parseListCount(w(1)?.text) !== null && w(2)?.text !== '--',
    ifaces: false,
  };
  if (!columns) cols.ifaces = cols.counters;
  let idx = 0;
  if (cols.num) {
    if (!/^\d{1,9}$/.test(w(0)?.text ?? '')) return null;
    idx = 1;
  }
  const row: ListRow = { target: null, matches: [], restFrom: line.end, families: 0 };
  if (cols.counters) {
    const packets = parseListCount(w(idx)?.text);
    const bytes = parseListCount(w(idx + 1)?.text);
    if (packets === null || bytes === null) return null;
    row.counters = { packets, bytes };
    idx += 2;
  }
  let prot: Token | undefined;
  let opt: Token | null = null;
  let next: number;
  if (OPT.has(w(idx + 2)?.text ?? '')) {
    [row.target, prot, opt, next] = [w(idx) ?? null, w(idx + 1), w(idx + 2) ?? null, idx + 3];
  } else if (OPT.has(w(idx + 1)?.text ?? '')) {
    [prot, opt, next] = [w(idx), w(idx + 1) ?? null, idx + 2];
  } else if (w(idx + 1) && isProt((w(idx + 1) as Token).text)) {
    [row.target, prot, next] = [w(idx) ?? null, w(idx + 1), idx + 2];
  } else {
    [prot, next] = [w(idx), idx + 1];
  }
  if (!prot || !isProt(prot.text)) return null;
  const inW = cols.ifaces ? w(next) : undefined;
  const outW = cols.ifaces ? w(next + 1) : undefined;
  if (cols.ifaces) next += 2;
  const src = w(next);
  const dst = w(next + 1);
  if (!src || !dst || (cols.ifaces && (!inW || !outW))) return null;
  row.restFrom = dst.endColumn - 1;
  addressMatch('src', src, row, file, line.number, diagnostics);
  addressMatch('dst', dst, row, file, line.number, diagnostics);
  if (inW) ifaceMatch('iif', inW, row, file, line.number);
  if (outW) ifaceMatch('oif', outW, row, file, line.number);
  const protNeg = prot.text.startsWith('!');
  const protText = protNeg ? prot.text.slice(1) : prot.text;
  if (protNeg || parseProtocol(protText) !== 0) {
    const value: Token = { ...prot, text: protText, column: protNeg ? prot.column + 1 : prot.column };
    const span = { file, line: line.number, column: prot.column, endColumn: prot.endColumn };
    row.matches.push(buildBasicMatch('proto', protNeg, value, span, diagnostics).match);
  }
  if (opt && opt.text !== '--') {
    row.matches.push({ kind: 'fragment', negate: opt.text === '!f', span: { file, line: line.number, column: opt.column, endColumn: opt.endColumn } });
  }
  return row;
}
