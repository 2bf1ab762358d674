/**
 * `ovs-ofctl show BRIDGE` → `OvsOfctlShow`: the OpenFlow port number of every port. Flows name
 * ports by number (`in_port=3`, `output:1`) unless dumped with `--names`, so the pipeline needs
 * this table. Only port lines (` N(name): addr:MAC`, `LOCAL(name): ...`) carry information; the
 * reply headers and the per-port `config:`/`state:`/`speed:` lines are skipped.
 */
import { diagnostic, type Diagnostic, type ParseResult } from '../../diagnostics';
import type { OvsOfctlShow } from './types';

/** OFPP_LOCAL: the bridge's own (internal) port. */
export const OFPP_LOCAL = 65534;
const PORT_LINE = /^ ?(\d+|LOCAL)\(([^)]*)\):\s*(?:addr:([0-9a-f:]{17}))?/i;
/** Lines that belong to the output but say nothing about port numbers. */
const SKIPPED = /^(OFPT_|OFPST_|n_tables:|capabilities:|actions:|\s+(config|state|current|advertised|supported|peer|speed):)/;

/**
 * The bridge of a pasted `ovs-ofctl [OPTIONS] show BRIDGE` command line, read word by word (a
 * regex with `(?:-\S+\s+)*` backtracks polynomially on long lines of options).
 */
function showCommandBridge(line: string): string | null {
  const words = line.split(/\s+/);
  const at = words.findIndex((w) => /(?:^|\W)ovs-ofctl$/.test(w));
  if (at < 0) return null;
  let i = at + 1;
  while (words[i]?.startsWith('-')) i++;
  if (words[i] !== 'show') return null;
  return /^[A-Za-z0-9_.:-]+/.exec(words[i + 1] ?? '')?.[0] ?? null;
}

/**
 * @example parseOvsOfctlShow(' 1(vxlan0): addr:ba:05:a8:b7:d7:98\n LOCAL(br0): addr:d6:ef:fd:58:a9:43\n', 'f').value; // { bridge: 'br0', ports: [{ number: 1, name: 'vxlan0', ... }, { number: 65534, name: 'br0', ... }] }
 */
export function parseOvsOfctlShow(text: string, file: string): ParseResult<OvsOfctlShow> {
  const result: OvsOfctlShow = { ports: [] };
  const diags: Diagnostic[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!.replace(/\r$/, '');
    const line = i + 1;
    if (raw.trim() === '' || SKIPPED.test(raw)) continue;
    const bridge = showCommandBridge(raw.slice(0, 4096));
    if (bridge !== null) {
      result.bridge = bridge;
      continue;
    }
    const m = PORT_LINE.exec(raw.slice(0, 4096));
    if (!m) {
      if (!raw.trimStart().startsWith('#')) diags.push(diagnostic('OVS007', { file, line, column: 1, endColumn: raw.length + 1 }, undefined, 'warning'));
      continue;
    }
    const local = m[1]!.toUpperCase() === 'LOCAL';
    const port = { number: local ? OFPP_LOCAL : Number(m[1]), name: m[2]!, span: { file, line, column: 1, endColumn: raw.length + 1 } };
    result.ports.push(m[3] ? { ...port, mac: m[3].toLowerCase() } : port);
    if (local) result.bridge ??= m[2]!;
  }
  return { value: result, diagnostics: diags };
}

/** A 0..1 score that `lines` are `ovs-ofctl show` output. */
export function looksLikeOvsOfctlShow(lines: string[]): number {
  let ports = 0;
  let header = false;
  let considered = 0;
  for (const raw of lines.slice(0, 200)) {
    if (raw.trim() === '') continue;
    considered++;
    if (/^OFPT_FEATURES_REPLY/.test(raw)) header = true;
    else if (PORT_LINE.test(raw.slice(0, 200)) && /\):\s*addr:/.test(raw)) ports++;
    else if (SKIPPED.test(raw)) ports += 0.5;
  }
  if (considered === 0 || ports === 0) return 0;
  return header ? 0.99 : Math.min(0.9, 0.9 * (ports / considered));
}
