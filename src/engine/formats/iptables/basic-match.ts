/**
 * The fixed-position matches of a rule (-s -d -i -o -p -f) turned into `BasicMatch` values.
 *
 * What the IPv4 model cannot hold is not dropped: dropping `-s X` would make the rule match more
 * than iptables does. Such a match (an IPv6 address, an unknown protocol, a malformed address)
 * becomes a `ModuleMatch` named `RAW_BASIC_MODULE` whose single option keeps the text, so the
 * simulator sees a module it does not model and marks the rule "not simulated". IPv6 addresses
 * get no diagnostic (ip6tables-save is valid input); malformed values get IPT009/IPT016.
 */
import { diagnostic, type Diagnostic, type SourceSpan } from '../../diagnostics';
import { parseIpv4Net, parseProtocol } from '../../net/ipv4';
import { RAW_BASIC_MODULE } from './extensions';
import type { Match } from './types';
import type { Token } from './tokenize';
import { msg } from '../../explain/message';

export type BasicKind = 'src' | 'dst' | 'iif' | 'oif' | 'proto' | 'fragment';

/** Option spellings iptables accepts for the basic matches (long forms as getopt_long takes them). */
export const BASIC_OPTIONS: Readonly<Record<string, BasicKind>> = {
  '-s': 'src', '--source': 'src', '--src': 'src',
  '-d': 'dst', '--destination': 'dst', '--dst': 'dst',
  '-i': 'iif', '--in-interface': 'iif',
  '-o': 'oif', '--out-interface': 'oif',
  '-p': 'proto', '--protocol': 'proto',
  '-f': 'fragment', '--fragment': 'fragment',
};

/** Name of the raw option for each kind: the long option name without dashes. */
const RAW_NAMES: Readonly<Record<BasicKind, string>> = {
  src: 'source', dst: 'destination', iif: 'in-interface', oif: 'out-interface', proto: 'protocol', fragment: 'fragment',
};

export interface BasicResult {
  match: Match;
  /** Set for a parsed, non-negated protocol: it implies a match module (`-p tcp` → tcp). */
  proto?: number;
  family?: 'ipv4' | 'ipv6';
}

function raw(kind: BasicKind, negate: boolean, value: Token | undefined, span: SourceSpan): Match {
  return {
    kind: 'module',
    module: RAW_BASIC_MODULE,
    implicit: true,
    options: [{ name: RAW_NAMES[kind], negate, args: value ? [value.text] : [], span }],
    span,
  };
}

/**
 * Builds one basic match. `value` is undefined for `-f` and when the value was missing (the
 * caller has reported IPT006; the match is kept raw so the rule is not broadened).
 */
export function buildBasicMatch(
  kind: BasicKind,
  negate: boolean,
  value: Token | undefined,
  span: SourceSpan,
  diagnostics: Diagnostic[],
): BasicResult {
  if (kind === 'fragment') return { match: { kind, negate, span } };
  if (!value) return { match: raw(kind, negate, value, span) };
  const at = { file: span.file, line: span.line, column: value.column, endColumn: value.endColumn };
  const text = value.text;
  if (kind === 'src' || kind === 'dst') {
    if (text.includes(':')) return { match: raw(kind, negate, value, span), family: 'ipv6' };
    const net = text.includes(',') ? null : parseIpv4Net(text);
    if (!net) {
      const why = text.includes(',') ? msg('diag.IPT009.why.several') : msg('diag.IPT009.why.expected');
      diagnostics.push(diagnostic('IPT009', at, msg('diag.IPT009.invalidAddress', { text, why })));
      return { match: raw(kind, negate, value, span) };
    }
    return { match: { kind, negate, net, text, span }, family: 'ipv4' };
  }
  if (kind === 'iif' || kind === 'oif') {
    if (text.length === 0) {
      diagnostics.push(diagnostic('IPT016', at, msg('diag.IPT016.emptyInterfaceName')));
      return { match: raw(kind, negate, value, span) };
    }
    return { match: { kind, negate, name: text, span } };
  }
  const proto = parseProtocol(text);
  if (proto === null) {
    diagnostics.push(diagnostic('IPT016', at, msg('diag.IPT016.unknownProtocol', { text }), 'error', msg('diag.hint.iptablesPrintsUnknownProtocols')));
    return { match: raw(kind, negate, value, span) };
  }
  const result: BasicResult = { match: { kind, negate, proto, text, span } };
  if (!negate) result.proto = proto;
  return result;
}
