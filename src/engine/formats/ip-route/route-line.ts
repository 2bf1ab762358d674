/**
 * One `ip route` line, in `print_route` order:
 * `[type ]DST|default [from SRC] [nhid N] [encap ...] [tos T] [via [inet6 ]GW] [dev IF] [table T]
 *  [proto P] [scope S] [src PREFSRC] [metric N] [flags...] [mtu [lock] N ...] [pref medium]`,
 * and the `\tnexthop via GW dev IF weight W [onlink]` lines of a multipath route.
 */
import { diagnostic, type Diagnostic } from '../../diagnostics';
import { parseIpv4, parseIpv4Net } from '../../net/ipv4';
import { looksLikeIpv6, parseUint, tokenSpan, lineSpan, type Token } from '../ip-link/text-lines';
import type { Nexthop, Route, RouteType } from './types';
import { msg } from '../../explain/message';

const REJECT_TYPES = new Set<string>(['blackhole', 'unreachable', 'prohibit', 'throw']);
const ROUTE_TYPES = new Set<string>(['unicast', 'local', 'broadcast', 'blackhole', 'unreachable', 'prohibit', 'throw', 'multicast', 'anycast']);

// Attributes followed by one value that we do not model (route metrics may put `lock` first).
const SKIPPED_VALUE_WORDS = new Set([
  'from', 'nhid', 'tos', 'dsfield', 'realm', 'realms', 'mark', 'uid', 'iif', 'pref', 'expires',
  'error', 'users', 'age', 'used', 'ttl-propogate', 'advmss', 'rtt', 'rttvar', 'reordering', 'window',
  'cwnd', 'initcwnd', 'initrwnd', 'ssthresh', 'features', 'quickack', 'congctl', 'fastopen_no_cookie',
  'hoplimit', 'rto_min', 'weight',
]);
// `print_rt_flags` words and other bare words (`cache` from `ip route get`).
const FLAG_WORDS = new Set([
  'onlink', 'linkdown', 'dead', 'pervasive', 'offload', 'trap', 'notify', 'rt_offload', 'rt_trap',
  'rt_offload_failed', 'unresolved', 'cache', 'lock',
]);
const KEY_WORDS = new Set(['via', 'dev', 'table', 'proto', 'scope', 'src', 'metric', 'mtu', ...SKIPPED_VALUE_WORDS, ...FLAG_WORDS]);

/** `ip` prints names for the reserved tables; a numeric dump (`table 254`) means the same. */
export function normalizeTable(text: string): string {
  if (text === '254') return 'main';
  if (text === '255') return 'local';
  if (text === '253') return 'default';
  return text;
}

export type RouteLineResult =
  | { kind: 'route'; route: Route; unknown: Token[] }
  | { kind: 'ipv6' }
  | { kind: 'error' };

/** Reads `via [inet|inet6] GW` at `i`; returns the gateway text and how many tokens it took. */
function readVia(tokens: Token[], i: number, file: string, line: number, diags: Diagnostic[]): { via: string; used: number } | null {
  let used = 1;
  let family: 'inet' | 'inet6' = 'inet';
  const fam = tokens[i + 1]?.text;
  if (fam === 'inet' || fam === 'inet6') {
    family = fam;
    used = 2;
  }
  const gwTok = tokens[i + used];
  const gw = gwTok?.text ?? '';
  const ok = family === 'inet' ? parseIpv4(gw) !== null : looksLikeIpv6(gw);
  if (!ok) {
    const span = gwTok ? tokenSpan(file, line, gwTok) : tokenSpan(file, line, tokens[i]!);
    diags.push(diagnostic('RT003', span, gwTok ? msg('diag.RT003.invalidGatewayAddress', { gwTokText: gw }) : msg('diag.RT003.viaWithoutGateway')));
    return null;
  }
  return { via: gw, used: used + 1 };
}

/**
 * Parses one route line. IPv6 routes are reported as `{ kind: 'ipv6' }` for the caller to
 * skip; unusable lines push an RT001/RT002/RT003 error and return `{ kind: 'error' }`.
 *
 * @example parseRouteLine(tokenizeLine('10.244.2.0/24 via 10.244.2.0 dev flannel.1 onlink '), 'f', 3, 'main', [])
 */
export function parseRouteLine(tokens: Token[], file: string, line: number, defaultTable: string, diags: Diagnostic[]): RouteLineResult {
  let i = 0;
  let type: RouteType = 'unicast';
  if (ROUTE_TYPES.has(tokens[0]!.text)) {
    type = tokens[0]!.text as RouteType;
    i = 1;
  }
  const dstTok = tokens[i];
  if (!dstTok) {
    diags.push(diagnostic('RT001', lineSpan(file, line, tokens), msg('diag.RT001.routeWithoutDestination', { type })));
    return { kind: 'error' };
  }
  const dstText = dstTok.text;
  if (dstText.includes(':') && looksLikeIpv6(dstText.split('/')[0]!)) return { kind: 'ipv6' };
  const dst = dstText === 'default' ? parseIpv4Net('0.0.0.0/0') : parseIpv4Net(dstText);
  if (!dst) {
    diags.push(diagnostic('RT002', tokenSpan(file, line, dstTok), msg('diag.RT002.invalidDestination2', { dstText })));
    return { kind: 'error' };
  }
  const route: Route = {
    type, dst, dstText, table: defaultTable, metric: 0, onlink: false, nexthops: [], span: lineSpan(file, line, tokens),
  };
  const unknown: Token[] = [];
  let known = 0;
  for (i = i + 1; i < tokens.length; i++) {
    const word = tokens[i]!.text;
    const value = tokens[i + 1]?.text;
    if (KEY_WORDS.has(word) || word === 'encap') known++;
    if (word === 'via') {
      const via = readVia(tokens, i, file, line, diags);
      if (!via) return { kind: 'error' };
      route.via = via.via;
      i += via.used - 1;
      continue;
    }
    if (FLAG_WORDS.has(word)) {
      if (word === 'onlink') route.onlink = true;
      continue;
    }
    if (word === 'encap') {
      // `encap TYPE args...` has a per-type layout: skip to the next attribute we know.
      while (i + 1 < tokens.length && !KEY_WORDS.has(tokens[i + 1]!.text)) i++;
      continue;
    }
    if (value === undefined) {
      unknown.push(tokens[i]!);
      continue;
    }
    if (word === 'dev') route.dev = value;
    else if (word === 'table') route.table = normalizeTable(value);
    else if (word === 'proto') route.proto = value;
    else if (word === 'scope') route.scope = value;
    else if (word === 'src') route.src = value;
    else if (word === 'metric') route.metric = parseUint(value) ?? 0;
    else if (word === 'mtu') {
      const lock = value === 'lock' ? 1 : 0;
      const mtu = parseUint(tokens[i + 1 + lock]?.text);
      if (mtu !== null) route.mtu = mtu;
      i += lock;
    } else if (SKIPPED_VALUE_WORDS.has(word)) {
      if (value === 'lock') i++;
    } else {
      unknown.push(tokens[i]!);
      continue;
    }
    i++;
  }
  // iproute2 prints a dev, a via or other attributes for every route but the reject kinds;
  // an address followed by words (kubectl tables, prose) is not a route.
  if (known === 0 && !REJECT_TYPES.has(type)) {
    diags.push(diagnostic('RT001', lineSpan(file, line, tokens), msg('diag.RT001.routeLineNoDev'), 'warning'));
    return { kind: 'error' };
  }
  return { kind: 'route', route, unknown };
}

/**
 * Parses `nexthop [via [inet6 ]GW] [dev IF] [weight W] [onlink|dead|linkdown...]`.
 * Returns null (with an RT003 error) when the gateway is not an address.
 */
export function parseNexthopLine(tokens: Token[], file: string, line: number, diags: Diagnostic[]): Nexthop | null {
  const hop: Nexthop = { weight: 1, onlink: false };
  for (let i = 1; i < tokens.length; i++) {
    const word = tokens[i]!.text;
    const value = tokens[i + 1]?.text;
    if (word === 'via') {
      const via = readVia(tokens, i, file, line, diags);
      if (!via) return null;
      hop.via = via.via;
      i += via.used - 1;
    } else if (word === 'onlink') hop.onlink = true;
    else if (word === 'dev' && value !== undefined) { hop.dev = value; i++; }
    else if (word === 'weight' && value !== undefined) { hop.weight = parseUint(value) ?? 1; i++; }
    else if ((word === 'realms' || word === 'as') && value !== undefined) i++;
  }
  return hop;
}
