/**
 * net-tools `ifconfig`, both layouts:
 * - new (net-tools ≥ 2.10): `eth0: flags=4163<UP,...>  mtu 1500`, then `inet A  netmask M
 *   broadcast B`, `inet6 A  prefixlen P  scopeid 0x20<link>`, `ether MAC  txqueuelen 1000  (Ethernet)`;
 * - old (net-tools 1.60, busybox): `eth0      Link encap:Ethernet  HWaddr MAC`, then
 *   `inet addr:A  Bcast:B  Mask:M`, `inet6 addr: A/P Scope:Link`, `UP BROADCAST RUNNING  MTU:1500  Metric:1`.
 * Neither shows indices, veth peers or bridge masters; the caller numbers the links.
 */
import { diagnostic, type Diagnostic } from '../../diagnostics';
import { maskToPrefix, parseIpv4 } from '../../net/ipv4';
import type { LinkAddress } from './types';
import { checkAddress, splitPrefix } from './address-line';
import type { LinkDraft } from './link-header';
import { lineSpan, parseUint, tokenSpan, type Token } from './text-lines';
import { msg } from '../../explain/message';

/** `eth0: flags=4163<...>  mtu 1500` */
export function isNewIfconfigHeader(tokens: Token[]): boolean {
  return tokens.length >= 2 && tokens[0]!.text.endsWith(':') && tokens[1]!.text.startsWith('flags=');
}

/** `eth0      Link encap:Ethernet  HWaddr ...` */
export function isOldIfconfigHeader(tokens: Token[]): boolean {
  return tokens.length >= 3 && tokens[1]!.text === 'Link' && tokens[2]!.text.startsWith('encap:');
}

const ENCAP_TYPES: Readonly<Record<string, string>> = {
  Ethernet: 'ether', Local: 'loopback', UNSPEC: 'none', IPIP: 'ipip', loop: 'loopback', ether: 'ether', unspec: 'none',
};

/** Reads either header layout into a draft; `index` is assigned by the caller. */
export function parseIfconfigHeader(tokens: Token[], index: number, file: string, line: number): LinkDraft {
  const first = tokens[0]!.text;
  const name = first.endsWith(':') ? first.slice(0, -1) : first;
  const link: LinkDraft = {
    index, name, flags: [], mtu: 0, state: 'UNKNOWN', kind: 'unknown', kindSource: 'inferred', indexSource: 'sequential',
    addresses: [], span: lineSpan(file, line, tokens), origin: 'ifconfig',
  };
  if (isNewIfconfigHeader(tokens)) {
    const flagsText = tokens[1]!.text;
    const open = flagsText.indexOf('<');
    if (open >= 0) link.flags = flagsText.slice(open + 1, flagsText.endsWith('>') ? -1 : undefined).split(',').filter((f) => f);
    for (let i = 2; i < tokens.length - 1; i++) {
      if (tokens[i]!.text === 'mtu') link.mtu = parseUint(tokens[i + 1]!.text) ?? 0;
    }
  } else {
    const encap = tokens[2]!.text.slice('encap:'.length);
    const linkType = ENCAP_TYPES[encap];
    if (linkType) link.linkType = linkType;
    for (let i = 3; i < tokens.length - 1; i++) {
      if (tokens[i]!.text === 'HWaddr' && linkType === 'ether') link.mac = tokens[i + 1]!.text.toLowerCase();
    }
  }
  return link;
}

// Words after which the old layout prints `Key:value` pairs; values we do not need.
const IGNORED_FIRST_WORDS = new Set(['RX', 'TX', 'device', 'collisions', 'Interrupt', 'Memory', 'Base', 'txqueuelen']);

/**
 * Applies one indented ifconfig line to `link`. Returns false if the line is not an ifconfig
 * line at all, so the caller can report it.
 */
export function applyIfconfigLine(link: LinkDraft, tokens: Token[], file: string, line: number, diags: Diagnostic[]): boolean {
  const word = tokens[0]!.text;
  if (word === 'inet' || word === 'inet6') {
    const address = word === 'inet' ? parseInet(tokens, file, line, diags) : parseInet6(tokens, file, line, diags);
    if (address) link.addresses.push(address);
    return true;
  }
  if (word === 'ether' || word === 'loop' || word === 'unspec' || word === 'tunnel' || word === 'infiniband') {
    if (word === 'ether' && tokens[1]) link.mac = tokens[1].text;
    const isIpip = tokens.some((t) => t.text === '(IPIP');
    const linkType = isIpip ? 'ipip' : ENCAP_TYPES[word];
    if (linkType) link.linkType = linkType;
    return true;
  }
  // Old layout's flag line: `UP BROADCAST RUNNING MULTICAST  MTU:1500  Metric:1`.
  const mtuTok = tokens.find((t) => t.text.startsWith('MTU:'));
  if (mtuTok) {
    link.mtu = parseUint(mtuTok.text.slice(4)) ?? 0;
    link.flags = tokens.filter((t) => !t.text.includes(':')).map((t) => t.text);
    return true;
  }
  return IGNORED_FIRST_WORDS.has(word) || IGNORED_FIRST_WORDS.has(word.split(':')[0]!);
}

/** The text after `Key:` in the old layout, or the token after `key` in the new one. */
function field(tokens: Token[], oldKey: string | null, newKey: string | null): Token | undefined {
  for (let i = 1; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (oldKey !== null && t.text.startsWith(oldKey)) {
      const rest = t.text.slice(oldKey.length);
      // `inet6 addr: fe80::1/64` puts the value in the next token.
      if (rest === '') return tokens[i + 1];
      return { text: rest, column: t.column + oldKey.length, endColumn: t.endColumn };
    }
    if (t.text === newKey) return tokens[i + 1];
  }
  return undefined;
}

function parseInet(tokens: Token[], file: string, line: number, diags: Diagnostic[]): LinkAddress | null {
  const addrTok = field(tokens, 'addr:', null) ?? tokens[1];
  if (!addrTok) return null;
  const ip = parseIpv4(addrTok.text);
  if (ip === null) {
    diags.push(diagnostic('LNK003', tokenSpan(file, line, addrTok), msg('diag.LNK003.validIpvAddress', { addrTokText: addrTok.text })));
    return null;
  }
  let prefix = 32;
  const maskTok = field(tokens, 'Mask:', 'netmask');
  if (maskTok) {
    const mask = parseIpv4(maskTok.text);
    const p = mask === null ? null : maskToPrefix(mask);
    if (p === null) {
      diags.push(diagnostic('LNK003', tokenSpan(file, line, maskTok), msg('diag.LNK003.invalidNetmask', { maskTokText: maskTok.text })));
      return null;
    }
    prefix = p;
  }
  // ifconfig prints no scope; 127/8 is the only host-scope address the kernel assigns itself.
  const result: LinkAddress = {
    family: 'inet', address: addrTok.text, prefix, scope: ip >>> 24 === 127 ? 'host' : 'global',
    secondary: false, span: lineSpan(file, line, tokens),
  };
  const brd = field(tokens, 'Bcast:', 'broadcast');
  if (brd) result.broadcast = brd.text;
  const peer = field(tokens, 'P-t-P:', 'destination');
  if (peer) result.peer = peer.text;
  return result;
}

function parseInet6(tokens: Token[], file: string, line: number, diags: Diagnostic[]): LinkAddress | null {
  const addrTok = field(tokens, 'addr:', null) ?? tokens[1];
  if (!addrTok) return null;
  const split = splitPrefix(addrTok.text);
  const prefixTok = field(tokens, null, 'prefixlen');
  const prefix = split.prefix ?? parseUint(prefixTok?.text) ?? 128;
  const error = checkAddress('inet6', split.addr, prefix, split.badPrefix);
  if (error) {
    diags.push(diagnostic('LNK003', tokenSpan(file, line, addrTok), error));
    return null;
  }
  // `scopeid 0x20<link>` (new) or `Scope:Link` (old).
  const scopeTok = field(tokens, 'Scope:', 'scopeid');
  let scope = 'global';
  if (scopeTok) {
    const lt = scopeTok.text.indexOf('<');
    scope = (lt >= 0 ? scopeTok.text.slice(lt + 1, -1) : scopeTok.text).toLowerCase();
    if (scope === 'compat') scope = 'global';
  }
  return { family: 'inet6', address: split.addr, prefix, scope, secondary: false, span: lineSpan(file, line, tokens) };
}
