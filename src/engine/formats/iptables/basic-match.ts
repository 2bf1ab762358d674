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
import { isIpv4Net, parseIpv4Net, parseProtocol, type Ipv4Net } from '../../net/ipv4';
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

/** Address families seen in a rule, as bits: a set of two members without a Set per rule. */
export type FamilyFlags = number;
export const FAMILY_IPV4: FamilyFlags = 1;
export const FAMILY_IPV6: FamilyFlags = 2;

/** 'ipv6' when only IPv6 addresses were seen, else 'ipv4' (the default of a dump without addresses). */
export function familyOf(flags: FamilyFlags): 'ipv4' | 'ipv6' {
  return flags === FAMILY_IPV6 ? 'ipv6' : 'ipv4';
}

export interface BasicResult {
  match: Match;
  /** Set for a parsed, non-negated protocol: it implies a match module (`-p tcp` → tcp). */
  proto?: number;
  families: FamilyFlags;
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

// What a basic value is (`judge`): kept raw, an IPv6 or IPv4 address, an interface, a protocol.
const RAW = 0;
const IPV6 = 1;
const IPV4 = 2;
const IFACE = 3;
const PROTO = 4;

function valueSpan(file: string, line: number, value: Token): SourceSpan {
  return { file, line, column: value.column, endColumn: value.endColumn };
}

/** What `value` of a basic match is, with its diagnostic (if any) pushed: the one decision both readers share. */
function judge(kind: BasicKind, value: Token, file: string, line: number, diagnostics: Diagnostic[]): number {
  const text = value.text;
  if (kind === 'src' || kind === 'dst') {
    if (text.includes(':')) return IPV6;
    if (!text.includes(',') && isIpv4Net(text)) return IPV4;
    const why = text.includes(',') ? msg('diag.IPT009.why.several') : msg('diag.IPT009.why.expected');
    diagnostics.push(diagnostic('IPT009', valueSpan(file, line, value), msg('diag.IPT009.invalidAddress', { text, why })));
    return RAW;
  }
  if (kind === 'iif' || kind === 'oif') {
    if (text.length > 0) return IFACE;
    diagnostics.push(diagnostic('IPT016', valueSpan(file, line, value), msg('diag.IPT016.emptyInterfaceName')));
    return RAW;
  }
  if (parseProtocol(text) !== null) return PROTO;
  diagnostics.push(diagnostic('IPT016', valueSpan(file, line, value), msg('diag.IPT016.unknownProtocol', { text }), 'error', msg('diag.hint.iptablesPrintsUnknownProtocols')));
  return RAW;
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
  if (kind === 'fragment') return { match: { kind, negate, span }, families: 0 };
  if (!value) return { match: raw(kind, negate, value, span), families: 0 };
  const text = value.text;
  switch (judge(kind, value, span.file, span.line, diagnostics)) {
    case IPV6:
      return { match: raw(kind, negate, value, span), families: FAMILY_IPV6 };
    case IPV4:
      return { match: { kind: kind as 'src' | 'dst', negate, net: parseIpv4Net(text) as Ipv4Net, text, span }, families: FAMILY_IPV4 };
    case IFACE:
      return { match: { kind: kind as 'iif' | 'oif', negate, name: text, span }, families: 0 };
    case PROTO: {
      const proto = parseProtocol(text) as number;
      const result: BasicResult = { match: { kind: 'proto', negate, proto, text, span }, families: 0 };
      if (!negate) result.proto = proto;
      return result;
    }
    default:
      return { match: raw(kind, negate, value, span), families: 0 };
  }
}

/**
 * `buildBasicMatch`'s diagnostics without the match: for -s/-d the family bits seen, for -p the
 * protocol when it implies a module (parsed, not negated) or -1, otherwise 0.
 */
export function checkBasicMatch(kind: BasicKind, negate: boolean, value: Token | undefined, file: string, line: number, diagnostics: Diagnostic[]): number {
  if (kind === 'fragment' || !value) return kind === 'proto' ? -1 : 0;
  const verdict = judge(kind, value, file, line, diagnostics);
  if (verdict === IPV6) return FAMILY_IPV6;
  if (verdict === IPV4) return FAMILY_IPV4;
  if (verdict === PROTO) return negate ? -1 : (parseProtocol(value.text) as number);
  return kind === 'proto' ? -1 : 0;
}
