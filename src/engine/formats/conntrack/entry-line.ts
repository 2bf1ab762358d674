/**
 * One conntrack entry line, in `__snprintf_conntrack_default` order (libnetfilter_conntrack):
 * `[TIMESTAMP] [[NEW]|[UPDATE]|[DESTROY]] [L3NAME L3NUM] PROTO PROTONUM [TIMEOUT] [STATE]
 *  src= dst= (sport= dport= | type= code= id= | srckey= dstkey=) [zone-orig=] [packets= bytes=] [[UNREPLIED]]
 *  src= dst= ... [zone-reply=] [packets= bytes=] [[ASSURED]] [[OFFLOAD]] [mark=] [secctx=] [zone=]
 *  [delta-time=] [helper=] [use=] [id=]`.
 * `/proc/net/nf_conntrack` prints the same with `ipv4     2 ` first.
 */
import { diagnostic, type Diagnostic } from '../../diagnostics';
import { formatIpv4, parseIpv4 } from '../../net/ipv4';
import { lineSpan, looksLikeIpv6, parseUint, tokenSpan, type Token } from '../ip-link/text-lines';
import type { ConntrackEntry, ConntrackEvent, ConntrackTuple } from './types';
import { msg } from '../../explain/message';

const EVENTS = new Set(['[NEW]', '[UPDATE]', '[DESTROY]']);
// Printed, but nothing the simulator uses.
const IGNORED_KEYS = new Set(['srckey', 'dstkey', 'delta-time', 'labels', 'timestamp', 'start', 'stop', 'secmark']);
const MAX: Record<string, number> = { sport: 65535, dport: 65535, type: 255, code: 255, id: 0xffffffff };

export type EntryLineResult =
  | { kind: 'entry'; entry: ConntrackEntry; unknown: Token[] }
  | { kind: 'ipv6' }
  | { kind: 'error' };


function isTimestamp(text: string): boolean {
  return text.length > 2 && text.startsWith('[') && text.endsWith(']') && /^\[[\d.]+\]$/.test(text);
}

/** Reads the prefix (`[ts] [EVENT] ipv4 2 tcp 6 TIMEOUT STATE`); returns the index of the first key=value. */
function readHead(tokens: Token[], entry: ConntrackEntry, file: string, line: number, diags: Diagnostic[]): number | 'ipv6' | null {
  let i = 0;
  if (tokens[i] && isTimestamp(tokens[i]!.text)) i++;
  if (tokens[i] && EVENTS.has(tokens[i]!.text)) entry.event = tokens[i++]!.text.slice(1, -1) as ConntrackEvent;
  const l3 = tokens[i]?.text;
  if ((l3 === 'ipv4' || l3 === 'ipv6') && parseUint(tokens[i + 1]?.text) !== null) {
    if (l3 === 'ipv6') return 'ipv6';
    i += 2;
  }
  const proto = tokens[i];
  const num = parseUint(tokens[i + 1]?.text);
  if (!proto || proto.text.includes('=') || num === null || num > 255) {
    diags.push(diagnostic('CT001', lineSpan(file, line, tokens), undefined, 'warning'));
    return null;
  }
  entry.proto = proto.text.toLowerCase();
  entry.protonum = num;
  i += 2;
  const timeout = parseUint(tokens[i]?.text);
  if (timeout !== null) {
    entry.timeout = timeout;
    i++;
  }
  const state = tokens[i];
  if (state && !state.text.includes('=') && !state.text.startsWith('[')) {
    entry.state = state.text;
    i++;
  }
  return i;
}

/**
 * Reads the tokens of one line. Unknown `key=` words are returned for the caller to report once.
 *
 * @example
 * parseEntryLine(tokenizeLine('udp      17 29 src=10.0.0.1 dst=10.0.0.5 sport=47560 dport=53 [UNREPLIED] ' +
 *   'src=10.0.0.5 dst=10.0.0.1 sport=53 dport=40000 mark=0 use=2'), 'f', 1, []);
 * // { kind: 'entry', entry: { proto: 'udp', timeout: 29, orig: { dst: '10.0.0.5', ... }, reply: { dport: 40000, ... }, flags: ['UNREPLIED'], ... } }
 */
export function parseEntryLine(tokens: Token[], file: string, line: number, diags: Diagnostic[]): EntryLineResult {
  const span = lineSpan(file, line, tokens);
  const entry: ConntrackEntry = { proto: '', protonum: 0, timeout: null, orig: { src: '', dst: '' }, reply: { src: '', dst: '' }, flags: [], span };
  const head = readHead(tokens, entry, file, line, diags);
  if (head === 'ipv6') return { kind: 'ipv6' };
  if (head === null) return { kind: 'error' };
  const tuples: [ConntrackTuple, ConntrackTuple] = [{ src: '', dst: '' }, { src: '', dst: '' }];
  let dir = 0; // 0 original, 1 reply
  const unknown: Token[] = [];
  for (let i = head; i < tokens.length; i++) {
    const t = tokens[i]!;
    const text = t.text;
    if (text.charCodeAt(0) === 91 /* [ */ && text.endsWith(']') && text.length > 2) {
      entry.flags.push(text.slice(1, -1));
      continue;
    }
    const eq = text.indexOf('=');
    if (eq <= 0) {
      unknown.push(t);
      continue;
    }
    const key = text.slice(0, eq);
    const value = text.slice(eq + 1);
    if (key === 'src' && dir === 0 && tuples[0].src !== '') dir = 1;
    const tuple = tuples[dir]!;
    switch (key) {
      case 'src':
      case 'dst': {
        const ip = parseIpv4(value);
        if (ip === null) {
          if (looksLikeIpv6(value)) return { kind: 'ipv6' };
          diags.push(diagnostic('CT003', tokenSpan(file, line, t), msg('diag.CT003.ipvAddressEntrySkipped', { value }), 'warning'));
          return { kind: 'error' };
        }
        tuple[key] = formatIpv4(ip);
        break;
      }
      case 'sport': case 'dport': case 'type': case 'code': case 'packets': case 'bytes': {
        const n = number(value, key, t, file, line, diags);
        if (n !== null) tuple[key] = n;
        break;
      }
      case 'zone-orig': case 'zone-reply': {
        const n = number(value, key, t, file, line, diags);
        if (n !== null) tuple.zone = n;
        break;
      }
      case 'id': {
        // An ICMP tuple's echo id follows its type and code; the `-o id` id comes last, after use=.
        const n = number(value, key, t, file, line, diags);
        if (n === null) break;
        if (tuple.type !== undefined && tuple.id === undefined) tuple.id = n;
        else entry.id = n;
        break;
      }
      case 'mark': case 'zone': case 'use': {
        const n = number(value, key, t, file, line, diags);
        if (n !== null) entry[key] = n;
        break;
      }
      case 'helper': case 'secctx':
        entry[key] = value;
        break;
      default:
        if (!IGNORED_KEYS.has(key)) unknown.push(t);
    }
  }
  const [orig, reply] = tuples;
  if (orig.src === '' || orig.dst === '' || reply.src === '' || reply.dst === '') {
    diags.push(diagnostic('CT002', span, undefined, 'warning'));
    return { kind: 'error' };
  }
  entry.orig = orig;
  entry.reply = reply;
  return { kind: 'entry', entry, unknown };
}

function number(value: string, key: string, t: Token, file: string, line: number, diags: Diagnostic[]): number | null {
  const n = parseUint(value);
  const max = MAX[key] ?? 0xffffffff;
  if (n === null || n > max) {
    diags.push(diagnostic('CT003', tokenSpan(file, line, t), msg('diag.CT003.validIgnored', { value, key }), 'warning'));
    return null;
  }
  return n;
}
