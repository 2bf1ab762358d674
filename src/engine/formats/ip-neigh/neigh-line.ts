/**
 * One `ip neigh` line, in `print_neighbor` order (iproute2 `ip/ipneigh.c`):
 * `[Deleted |miss ]DST [dev IF] [lladdr MAC] [router] [proxy] [extern_learn] [offload]
 *  [used A/B/C] [probes N] [STATE ...] [proto P]`.
 * With no `lladdr` the kernel leaves two spaces (`10.0.0.5 dev eth0  FAILED`); the tokenizer
 * makes that invisible.
 */
import { diagnostic, type Diagnostic } from '../../diagnostics';
import { formatIpv4, parseIpv4 } from '../../net/ipv4';
import { lineSpan, looksLikeIpv6, tokenSpan, type Token } from '../ip-link/text-lines';
import { parseLladdr } from './lladdr';
import type { NeighEntry } from './types';
import { msg } from '../../explain/message';

/** The NUD state words `print_neigh_state` prints. */
export const NUD_STATES: ReadonlySet<string> = new Set([
  'INCOMPLETE', 'REACHABLE', 'STALE', 'DELAY', 'PROBE', 'FAILED', 'NOARP', 'PERMANENT', 'NONE',
]);
const FLAG_WORDS = new Set(['router', 'proxy', 'extern_learn', 'offload', 'managed', 'extern_valid']);
// `-s` statistics and other attributes followed by one value we do not model.
const VALUE_WORDS = new Set(['used', 'probes', 'proto', 'ref', 'vlan', 'nud', 'vrf', 'protocol']);

export type NeighLineResult =
  | { kind: 'entry'; entry: NeighEntry; unknown: Token[] }
  | { kind: 'ipv6' }
  | { kind: 'error' };

/**
 * Reads the tokens of one line. `defaultDev` is the device of a pasted `ip neigh show dev X`.
 * Problems are appended to `diags`; unknown words are returned for the caller to report once.
 *
 * @example
 * parseNeighLine(tokenizeLine('10.0.0.1 dev eth0 lladdr 52:54:00:12:35:02 REACHABLE'), 'f', 1, '', []);
 * // { kind: 'entry', entry: { ip: '10.0.0.1', dev: 'eth0', mac: '52:54:00:12:35:02', state: 'REACHABLE', ... } }
 */
export function parseNeighLine(tokens: Token[], file: string, line: number, defaultDev: string, diags: Diagnostic[]): NeighLineResult {
  let i = 0;
  if (tokens[0]!.text === 'Deleted' || tokens[0]!.text === 'miss') i++;
  const dstToken = tokens[i];
  if (!dstToken) {
    diags.push(diagnostic('NEI001', lineSpan(file, line, tokens), undefined, 'warning'));
    return { kind: 'error' };
  }
  const ip = parseIpv4(dstToken.text);
  if (ip === null) {
    if (looksLikeIpv6(dstToken.text)) return { kind: 'ipv6' };
    diags.push(diagnostic('NEI002', tokenSpan(file, line, dstToken), msg('diag.NEI002.ipvAddressLineSkipped', { dstTokenText: dstToken.text }), 'warning'));
    return { kind: 'error' };
  }
  const entry: NeighEntry = {
    ip: formatIpv4(ip), dev: defaultDev, state: '', states: [], router: false, proxy: false, externLearn: false,
    span: lineSpan(file, line, tokens),
  };
  const unknown: Token[] = [];
  for (i++; i < tokens.length; i++) {
    const t = tokens[i]!;
    const word = t.text;
    const next = tokens[i + 1];
    if (word === 'dev' || word === 'lladdr') {
      if (!next) {
        diags.push(diagnostic('NEI001', tokenSpan(file, line, t), msg('diag.NEI001.missingValue', { word }), 'warning'));
        break;
      }
      i++;
      if (word === 'dev') entry.dev = next.text;
      else {
        const mac = parseLladdr(next.text);
        if (mac === null) diags.push(diagnostic('NEI003', tokenSpan(file, line, next), msg('diag.NEI003.linkLayerAddressIgnored', { nextText: next.text }), 'warning'));
        else entry.mac = mac;
      }
    } else if (NUD_STATES.has(word)) {
      entry.states.push(word);
    } else if (FLAG_WORDS.has(word)) {
      if (word === 'router') entry.router = true;
      else if (word === 'proxy') entry.proxy = true;
      else if (word === 'extern_learn') entry.externLearn = true;
    } else if (VALUE_WORDS.has(word) && next) {
      i++;
    } else {
      unknown.push(t);
    }
  }
  entry.state = entry.states[0] ?? '';
  return { kind: 'entry', entry, unknown };
}
