/**
 * Recognises `ovs-vsctl show` and `ovs-ofctl dump-flows` output by shape, for the format detector.
 * Each reads at most the first 200 non-blank lines.
 */
import { actionsIndex } from './dump-flows';

const MAX_LINES = 200;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const SHOW_ROWS = ['Bridge ', 'Port ', 'Interface ', 'Controller ', 'Manager '];
const SHOW_KEYS = ['type: ', 'options: {', 'ovs_version: ', 'fail_mode: ', 'datapath_type: ', 'error: ', 'tag: ', 'trunks: [', 'is_connected: '];

function score(matched: number, considered: number, strong: boolean): number {
  if (considered === 0 || matched === 0) return 0;
  const share = matched / considered;
  return Math.round((strong ? 0.9 + 0.09 * share : 0.85 * share) * 100) / 100;
}

/**
 * A 0..1 score that `lines` are `ovs-vsctl show` output: indented `Bridge`/`Port`/`Interface`
 * rows and `key: value` columns, the UUID first line or `ovs_version:` making it near 1.
 *
 * @example looksLikeOvsVsctl(['9cad81c8-d7be-4b18-90e8-03aadd86a8cb', '    Bridge br-ex', '        Port br-ex']); // 0.99
 */
export function looksLikeOvsVsctl(lines: string[]): number {
  let considered = 0;
  let matched = 0;
  let strong = false;
  let bridge = false;
  let port = false;
  for (const raw of lines) {
    if (considered >= MAX_LINES) break;
    const body = raw.trim();
    if (body === '') continue;
    considered++;
    const indented = raw.startsWith('    ');
    if (UUID.test(body) && !indented) {
      strong = true;
      matched++;
    } else if (indented && SHOW_ROWS.some((w) => body.startsWith(w))) {
      matched++;
      bridge ||= body.startsWith('Bridge ');
      port ||= body.startsWith('Port ');
    } else if (indented && SHOW_KEYS.some((k) => body.startsWith(k))) {
      matched++;
      strong ||= body.startsWith('ovs_version: ');
    }
  }
  return score(matched, considered, strong || (bridge && port));
}

/**
 * A 0..1 score that `lines` are `ovs-ofctl dump-flows` output: lines with `actions=` and
 * `priority=`/`cookie=`/`table=`, or an `NXST_FLOW`/`OFPST_FLOW` reply header.
 *
 * @example looksLikeOvsFlows([' cookie=0x0, duration=1.2s, table=0, n_packets=0, n_bytes=0, priority=0 actions=NORMAL']); // 0.99
 */
export function looksLikeOvsFlows(lines: string[]): number {
  let considered = 0;
  let matched = 0;
  let strong = false;
  for (const raw of lines) {
    if (considered >= MAX_LINES) break;
    const body = raw.trim();
    if (body === '') continue;
    considered++;
    if ((body.startsWith('NXST_FLOW reply') || body.startsWith('OFPST_FLOW reply'))) {
      strong = true;
      matched++;
      continue;
    }
    const line = body.length > 4000 ? body.slice(0, 4000) : body;
    if (actionsIndex(line) < 0) continue;
    if (line.startsWith('cookie=0x') || line.includes(' n_packets=')) strong = true;
    if (line.startsWith('cookie=') || line.includes('priority=') || line.startsWith('table=')) matched++;
  }
  return score(matched, considered, strong);
}
