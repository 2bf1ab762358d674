/**
 * One `bridge fdb show` line, in `print_fdb` order (iproute2 `bridge/fdb.c`):
 * `[Deleted ]MAC [dev IF] [dst IP] [vlan N] [port P] [vni N] [src_vni N] [via IF] [nhid N]
 *  [link-netnsid N] [used A/B] [self] [router] [extern_learn] [offload] [master] [sticky]
 *  [master BR] [permanent|static|stale]`, usually with a trailing space.
 */
import { diagnostic, type Diagnostic } from '../../diagnostics';
import { formatIpv4, parseIpv4 } from '../../net/ipv4';
import { lineSpan, looksLikeIpv6, parseUint, tokenSpan, type Token } from '../ip-link/text-lines';
import { isZeroMac, parseMac } from '../ip-neigh/lladdr';
import type { FdbEntry, FdbState } from './types';
import { msg } from '../../explain/message';

const STATES = new Set(['permanent', 'static', 'stale']);
const FLAGS = new Set(['self', 'router', 'extern_learn', 'offload', 'sticky', 'activity_notify', 'inactive', 'notify', 'locked', 'blackhole']);
const NUMBER_WORDS = new Set(['vlan', 'port', 'vni', 'src_vni', 'nhid']);
const IGNORED_VALUE_WORDS = new Set(['link-netnsid', 'used', 'ifindex']);
const KEYWORDS = new Set(['dev', 'dst', 'via', 'master', ...STATES, ...FLAGS, ...NUMBER_WORDS, ...IGNORED_VALUE_WORDS]);

export type FdbLineResult = { kind: 'entry'; entry: FdbEntry; unknown: Token[] } | { kind: 'error' };

function setNumber(entry: FdbEntry, word: string, value: number): void {
  if (word === 'vlan') entry.vlan = value;
  else if (word === 'port') entry.port = value;
  else if (word === 'vni') entry.vni = value;
  else if (word === 'src_vni') entry.srcVni = value;
  else entry.nhid = value;
}

function setFlag(entry: FdbEntry, word: string): void {
  if (word === 'self') entry.self = true;
  else if (word === 'router') entry.router = true;
  else if (word === 'extern_learn') entry.externLearn = true;
  else if (word === 'offload') entry.offload = true;
  else if (word === 'sticky') entry.sticky = true;
}

/**
 * Reads the tokens of one line; `defaultDev` is the device of a pasted `bridge fdb show dev X`.
 *
 * @example
 * parseFdbLine(tokenizeLine('a2:7f:3c:11:4e:01 dev flannel.1 dst 192.168.56.12 self permanent'), 'f', 1, '', []);
 * // { kind: 'entry', entry: { mac: 'a2:7f:3c:11:4e:01', dev: 'flannel.1', dst: '192.168.56.12', self: true, state: 'permanent', ... } }
 */
export function parseFdbLine(tokens: Token[], file: string, line: number, defaultDev: string, diags: Diagnostic[]): FdbLineResult {
  const start = tokens[0]!.text === 'Deleted' ? 1 : 0;
  const macToken = tokens[start];
  const mac = macToken ? parseMac(macToken.text) : null;
  if (!macToken || mac === null) {
    const at = macToken ?? tokens[0]!;
    diags.push(diagnostic('FDB002', tokenSpan(file, line, at), msg('diag.FDB002.macAddressLineSkipped', { atText: at.text }), 'warning'));
    return { kind: 'error' };
  }
  const entry: FdbEntry = {
    mac, dev: defaultDev, self: false, router: false, externLearn: false, offload: false, sticky: false,
    state: 'dynamic', isDefault: isZeroMac(mac), span: lineSpan(file, line, tokens),
  };
  const unknown: Token[] = [];
  for (let i = start + 1; i < tokens.length; i++) {
    const t = tokens[i]!;
    const word = t.text;
    const next = tokens[i + 1];
    if (STATES.has(word)) entry.state = word as FdbState;
    else if (FLAGS.has(word)) setFlag(entry, word);
    else if (word === 'master') {
      // NTF_MASTER prints a bare "master"; NDA_MASTER prints "master BR".
      if (next && !KEYWORDS.has(next.text)) {
        entry.master = next.text;
        i++;
      }
    } else if (word === 'dev' || word === 'dst' || word === 'via' || NUMBER_WORDS.has(word) || IGNORED_VALUE_WORDS.has(word)) {
      if (!next) {
        diags.push(diagnostic('FDB001', tokenSpan(file, line, t), msg('diag.FDB001.missingValue', { word }), 'warning'));
        break;
      }
      i++;
      if (word === 'dev') entry.dev = next.text;
      else if (word === 'via') entry.via = next.text;
      else if (word === 'dst') {
        const ip = parseIpv4(next.text);
        if (ip !== null) entry.dst = formatIpv4(ip);
        else if (looksLikeIpv6(next.text)) entry.dst = next.text.toLowerCase();
        else diags.push(diagnostic('FDB003', tokenSpan(file, line, next), msg('diag.FDB003.ipAddressDstIgnored', { nextText: next.text }), 'warning'));
      } else if (NUMBER_WORDS.has(word)) {
        const n = parseUint(next.text);
        if (n === null) diags.push(diagnostic('FDB003', tokenSpan(file, line, next), msg('diag.FDB003.validIgnored', { nextText: next.text, word }), 'warning'));
        else setNumber(entry, word, n);
      }
    } else {
      unknown.push(t);
    }
  }
  return { kind: 'entry', entry, unknown };
}
