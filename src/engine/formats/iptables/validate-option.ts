/**
 * Value checks for the options the simulator relies on (ports, marks, NAT ranges, states). A bad
 * value becomes a diagnostic pointing at the exact word; the option is still kept as written, so
 * the simulator can refuse to model it rather than silently match more than iptables would.
 */
import { diagnostic, type Diagnostic, type DiagnosticCode } from '../../diagnostics';
import { parseIpv4 } from '../../net/ipv4';
import { parsePort } from './services';
import type { Token } from './tokenize';
import { msg, type Msg } from '../../explain/message';

const ONE_ARG = new Set([
  'sport', 'dport', 'source-port', 'destination-port', 'sports', 'dports', 'ports', 'source-ports',
  'destination-ports', 'comment', 'src-type', 'dst-type', 'ctstate', 'state', 'mark', 'mode',
  'probability', 'every', 'packet', 'seconds', 'hitcount', 'name', 'nfacct-name', 'icmp-type',
  'icmpv6-type', 'to-destination', 'to-source', 'to-ports', 'reject-with', 'set-xmark', 'set-mark',
  'or-mark', 'and-mark', 'xor-mark', 'log-prefix', 'log-level', 'limit', 'limit-burst',
  'ctproto', 'ctstatus', 'ctdir', 'ctexpire', 'uid-owner', 'gid-owner', 'physdev-in', 'physdev-out',
]);

/**
 * How many values an option of module (or, `toTarget`, target) `owner` takes, when that is
 * certain; null when unknown (then every following non-option word is taken). Knowing it lets stray words after a value be reported.
 */
export function optionArity(toTarget: boolean, owner: string, name: string): number | null {
  if (name === 'tcp-flags' || (name === 'match-set' && owner === 'set')) return 2;
  if (!toTarget && owner === 'recent' && name === 'mask') return 1;
  if (!toTarget && owner === 'recent' && name !== 'seconds' && name !== 'hitcount' && name !== 'name') return 0;
  return ONE_ARG.has(name) ? 1 : null;
}

/** `0x4000`, `16384` → number; null when not an unsigned 32-bit value. */
export function parseU32(text: string): number | null {
  let value = 0;
  if (text.startsWith('0x') || text.startsWith('0X')) {
    if (text.length < 3 || text.length > 10) return null;
    for (let i = 2; i < text.length; i++) {
      const d = parseInt(text[i] as string, 16);
      if (Number.isNaN(d)) return null;
      value = value * 16 + d;
    }
    return value;
  }
  if (text.length === 0 || text.length > 10) return null;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return null;
    value = value * 10 + c;
  }
  return value <= 0xffffffff ? value : null;
}

function validMark(text: string): boolean {
  const slash = text.indexOf('/');
  if (slash < 0) return parseU32(text) !== null;
  return parseU32(text.slice(0, slash)) !== null && parseU32(text.slice(slash + 1)) !== null;
}

/** `80`, `80:90`, `:90`, `80:` (what the tcp/udp matches accept). */
function validPortRange(text: string, sep: string): boolean {
  const at = text.indexOf(sep);
  if (at < 0) return parsePort(text) !== null;
  const lo = text.slice(0, at);
  const hi = text.slice(at + 1);
  if (lo === '' && hi === '') return false;
  return (lo === '' || parsePort(lo) !== null) && (hi === '' || parsePort(hi) !== null);
}

function validPortList(text: string): boolean {
  const parts = text.split(',');
  return parts.length <= 15 && parts.every((p) => p.length > 0 && validPortRange(p, ':') && !p.startsWith(':') && !p.endsWith(':'));
}

function validNatRange(text: string): 'ok' | 'address' | 'port' {
  if (text.includes('[') || text.indexOf(':') !== text.lastIndexOf(':')) return 'ok'; // IPv6 form
  const colon = text.indexOf(':');
  const addrPart = colon < 0 ? text : text.slice(0, colon);
  if (addrPart !== '') {
    const dash = addrPart.indexOf('-');
    const addrs = dash < 0 ? [addrPart] : [addrPart.slice(0, dash), addrPart.slice(dash + 1)];
    if (addrs.some((a) => parseIpv4(a) === null)) return 'address';
  }
  if (colon >= 0) {
    const ports = text.slice(colon + 1).split('/')[0] ?? '';
    if (!validPortRange(ports, '-')) return 'port';
  }
  return 'ok';
}

const ADDR_TYPES = new Set(['UNSPEC', 'UNICAST', 'LOCAL', 'BROADCAST', 'ANYCAST', 'MULTICAST', 'BLACKHOLE', 'UNREACHABLE', 'PROHIBIT', 'THROW', 'NAT', 'XRESOLVE']);
const CT_STATES = new Set(['INVALID', 'NEW', 'ESTABLISHED', 'RELATED', 'UNTRACKED', 'SNAT', 'DNAT']);

function validList(text: string, allowed: ReadonlySet<string>): boolean {
  return text.split(',').every((w) => allowed.has(w.toUpperCase()));
}

const PORT_MODULES = new Set(['tcp', 'udp', 'udplite', 'sctp', 'dccp']);
const MULTIPORT_OPTIONS = new Set(['sports', 'dports', 'ports', 'source-ports', 'destination-ports']);
const MARK_TARGET_OPTIONS = new Set(['set-xmark', 'set-mark', 'or-mark', 'and-mark', 'xor-mark']);

/**
 * Checks the first value `arg` of option `name` of module (or, `toTarget`, target) `owner`;
 * pushes a diagnostic located on the offending value.
 */
export function validateOption(toTarget: boolean, owner: string, name: string, arg: Token | undefined, file: string, line: number, diagnostics: Diagnostic[]): void {
  if (!arg) return;
  const found = problem(toTarget, toTarget ? '' : owner, name, arg.text);
  if (found) diagnostics.push(diagnostic(found.code, { file, line, column: arg.column, endColumn: arg.endColumn }, found.text));
}

/** What is wrong with value `text` of option `name` (of module `m`, '' for a target), or null. */
function problem(toTarget: boolean, m: string, name: string, text: string): { code: DiagnosticCode; text: Msg } | null {
  if (PORT_MODULES.has(m) && (name === 'sport' || name === 'dport' || name === 'source-port' || name === 'destination-port')) {
    return validPortRange(text, ':') ? null : { code: 'IPT010', text: msg('diag.IPT010.invalidPortPortRange', { text }) };
  }
  if (m === 'multiport' && MULTIPORT_OPTIONS.has(name)) {
    return validPortList(text) ? null : { code: 'IPT010', text: msg('diag.IPT010.invalidPortList', { text }) };
  }
  if (((m === 'mark' || m === 'connmark') && name === 'mark') || (toTarget && MARK_TARGET_OPTIONS.has(name))) {
    return validMark(text) ? null : { code: 'IPT016', text: msg('diag.IPT016.invalidMarkExpectedValue', { text }) };
  }
  if (m === 'statistic' && name === 'probability') {
    const p = Number(text);
    return text !== '' && p >= 0 && p <= 1 ? null : { code: 'IPT016', text: msg('diag.IPT016.invalidProbabilityExpected', { text }) };
  }
  if ((m === 'statistic' && (name === 'every' || name === 'packet')) || (m === 'recent' && (name === 'seconds' || name === 'hitcount'))) {
    return parseU32(text) !== null && !text.startsWith('0x') ? null : { code: 'IPT016', text: msg('diag.IPT016.invalidNumberFor', { text, name }) };
  }
  if (m === 'addrtype' && (name === 'src-type' || name === 'dst-type')) {
    return validList(text, ADDR_TYPES) ? null : { code: 'IPT016', text: msg('diag.IPT016.invalidAddressType', { text }) };
  }
  if ((m === 'conntrack' && name === 'ctstate') || (m === 'state' && name === 'state')) {
    return validList(text, CT_STATES) ? null : { code: 'IPT016', text: msg('diag.IPT016.invalidConnectionState', { text }) };
  }
  if (toTarget && (name === 'to-destination' || name === 'to-source')) {
    const v = validNatRange(text);
    if (v === 'address') return { code: 'IPT009', text: msg('diag.IPT009.invalidAddress2', { text }) };
    if (v === 'port') return { code: 'IPT010', text: msg('diag.IPT010.invalidPortRange', { text }) };
    return null;
  }
  if (toTarget && name === 'to-ports') {
    return validPortRange(text, '-') ? null : { code: 'IPT010', text: msg('diag.IPT010.invalidPortRange2', { text }) };
  }
  return null;
}
