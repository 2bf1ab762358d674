/**
 * `ovs-ofctl dump-flows BRIDGE` → `OvsFlow[]` (`ofputil_flow_stats_format`): stats separated by
 * `, `, then the match (`priority=N,field=value,...`, commas without spaces), then ` actions=` and
 * the action list. `--no-stats` and OpenFlow 1.3 output put a flag before the match with a space
 * (`reset_counts priority=120,...`), so the part before `actions=` is split on commas and spaces
 * outside quotes.
 */
import { diagnostic, type Diagnostic, type ParseResult, type SourceSpan } from '../../diagnostics';
import { isPromptOrNoise, parseUint, tokenizeLine } from '../ip-link/text-lines';
import { parseFlowActions, splitTopLevel } from './flow-actions';
import { readQuoted } from './ovsdb-value';
import type { OvsFlow, OvsMatch } from './types';
import { msg } from '../../explain/message';

/** The bridge named by a pasted `ovs-ofctl [options] dump-flows BRIDGE` command line. */
export const DUMP_FLOWS_COMMAND = /\bdump-flows\s+(?:-\S+\s+)*([A-Za-z0-9_.:-]+)/;

/** OFP_DEFAULT_PRIORITY: `dump-flows` leaves `priority=` out when a flow has it. */
const DEFAULT_PRIORITY = 32768;
const FLOW_FLAGS = new Set(['send_flow_rem', 'check_overlap', 'reset_counts', 'no_packet_counts', 'no_byte_counts', 'no_readonly_table']);
const NUMERIC_STATS: Record<string, keyof OvsFlow> = {
  table: 'table', n_packets: 'packets', n_bytes: 'bytes', idle_age: 'idleAge', hard_age: 'hardAge',
  idle_timeout: 'idleTimeout', hard_timeout: 'hardTimeout', importance: 'importance', priority: 'priority',
};

/** The index of `actions=` outside quotes and parentheses, at the start or after a space or comma; -1 if none. */
export function actionsIndex(text: string): number {
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '\\') i++;
      else if (c === '"') quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (depth === 0 && c === 'a' && (i === 0 || text[i - 1] === ' ' || text[i - 1] === ',') && text.startsWith('actions=', i)) return i;
  }
  return -1;
}

/** A non-negative decimal number (counters may exceed 32 bits), else null. */
function uint64(text: string): number | null {
  if (text.length === 0 || text.length > 20) return null;
  for (let i = 0; i < text.length; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return null;
  }
  return Number(text);
}

function matchOf(piece: string, span: SourceSpan): OvsMatch {
  const eq = piece.indexOf('=');
  if (eq < 0) return { field: piece, span };
  const m: OvsMatch = { field: piece.slice(0, eq), span };
  const raw = piece.slice(eq + 1);
  if (raw.startsWith('"')) {
    const q = readQuoted(raw, 0);
    m.value = q ? q.value : raw;
    m.quoted = true;
    return m;
  }
  const slash = raw.indexOf('/');
  m.value = slash < 0 ? raw : raw.slice(0, slash);
  if (slash >= 0) m.mask = raw.slice(slash + 1);
  return m;
}

/**
 * Parses one flow line (leading space included); null, with a diagnostic, when it has no `actions=`.
 *
 * @example parseFlowLine(' cookie=0x0, table=0, priority=0 actions=NORMAL', 'f.txt', 1, [])?.actions[0].name; // 'NORMAL'
 */
export function parseFlowLine(raw: string, file: string, line: number, diags: Diagnostic[]): OvsFlow | null {
  const lead = raw.length - raw.trimStart().length;
  const text = raw.trim();
  const span: SourceSpan = { file, line, column: lead + 1, endColumn: lead + text.length + 1 };
  const at = actionsIndex(text);
  if (at < 0) {
    diags.push(diagnostic('OVS004', span, msg('diag.OVS004.flowLineWithoutActions'), 'warning'));
    return null;
  }
  const actionsText = text.slice(at + 'actions='.length);
  const flow: OvsFlow = {
    table: 0, priority: DEFAULT_PRIORITY, flags: [], matches: [], actions: [], actionsText, text, span,
  };
  for (const p of splitTopLevel(text.slice(0, at), ', ').pieces) {
    const pSpan: SourceSpan = { file, line, column: lead + p.offset + 1, endColumn: lead + p.offset + p.text.length + 1 };
    const eq = p.text.indexOf('=');
    const key = eq < 0 ? p.text : p.text.slice(0, eq);
    const value = eq < 0 ? '' : p.text.slice(eq + 1);
    if (eq < 0 && FLOW_FLAGS.has(key)) flow.flags.push(key);
    else if (key === 'cookie' && eq > 0) flow.cookie = value;
    else if (key === 'duration' && eq > 0) {
      const seconds = Number(value.endsWith('s') ? value.slice(0, -1) : value);
      if (Number.isFinite(seconds) && value !== '') flow.durationSeconds = seconds;
      else diags.push(diagnostic('OVS005', pSpan, msg('diag.OVS005.invalidDuration', { value }), 'warning'));
    } else if (NUMERIC_STATS[key] !== undefined && eq > 0) {
      const n = key === 'n_packets' || key === 'n_bytes' ? uint64(value) : parseUint(value);
      if (n === null) diags.push(diagnostic('OVS005', pSpan, msg('diag.OVS005.invalid', { key, value }), 'warning'));
      else (flow as unknown as Record<string, number>)[NUMERIC_STATS[key]] = n;
    } else flow.matches.push(matchOf(p.text, pSpan));
  }
  flow.actions = parseFlowActions(actionsText, { file, line, column: lead + at + 'actions='.length + 1, diags });
  return flow;
}

/** `NXST_FLOW reply (xid=0x4):` and `OFPST_FLOW reply (OF1.3) (xid=0x2):` headers. */
function isReplyHeader(text: string): boolean {
  const t = text.trimStart();
  return (t.startsWith('NXST_') || t.startsWith('OFPST_') || t.startsWith('OFPT_') || t.startsWith('NXT_')) && t.includes(' reply');
}

/**
 * Parses `ovs-ofctl dump-flows BRIDGE` output (any OpenFlow version, `--names`, `--no-stats`) and
 * `ovs-appctl bridge/dump-flows`. Reply headers, prompts and comments are skipped (a pasted
 * `ovs-ofctl dump-flows BRIDGE` command line names the bridge of the flows below it); a line without
 * `actions=` is reported (`OVS004`) and skipped. Never throws.
 *
 * @example
 * const { value } = parseOvsFlows(' cookie=0x0, duration=1.5s, table=0, n_packets=3, n_bytes=162, priority=500,ip,nw_dst=10.96.0.0/16 actions=ct(table=2,zone=64001,nat)\n', 'f.txt');
 * value[0].matches.map((m) => m.field); // ['ip', 'nw_dst']
 */
export function parseOvsFlows(text: string, file: string): ParseResult<OvsFlow[]> {
  const flows: OvsFlow[] = [];
  const diags: Diagnostic[] = [];
  let bridge: string | undefined;
  let start = 0;
  let line = 1;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const raw = text.slice(start, end).replace(/\r$/, '');
    start = end + 1;
    if (raw.trim() !== '' && !isReplyHeader(raw)) {
      const head = raw.length > 4096 ? raw.slice(0, 4096) : raw;
      if (isPromptOrNoise(tokenizeLine(head))) {
        // `$ ovs-ofctl -O OpenFlow13 dump-flows br0`: the flows below belong to br0.
        bridge = DUMP_FLOWS_COMMAND.exec(head)?.[1] ?? bridge;
      } else {
        const flow = parseFlowLine(raw, file, line, diags);
        if (flow) {
          if (bridge !== undefined) flow.bridge = bridge;
          flows.push(flow);
        }
      }
    }
    line++;
  }
  return { value: flows, diagnostics: diags };
}
