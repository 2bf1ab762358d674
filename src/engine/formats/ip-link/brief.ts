/**
 * `ip -br addr` (`NAME[@PEER]  STATE  A/P A/P ...`) and `ip -br link`
 * (`NAME[@PEER]  STATE  MAC <FLAGS>`): one line per interface, columns `%-16s %-14s`.
 * No index, mtu, master, scope or netns id is printed.
 */
import { diagnostic, type Diagnostic } from '../../diagnostics';
import { parseIpv4 } from '../../net/ipv4';
import type { LinkAddress } from './types';
import { checkAddress, splitPrefix } from './address-line';
import { splitPeer, type LinkDraft } from './link-header';
import { lineSpan, tokenSpan, type Token } from './text-lines';

/** Operational states as iproute2 prints them (`oper_states`). */
const OPER_STATES = new Set(['UNKNOWN', 'NOTPRESENT', 'DOWN', 'LOWERLAYERDOWN', 'TESTING', 'DORMANT', 'UP']);

export function isBriefLine(tokens: Token[]): boolean {
  return tokens.length >= 2 && !tokens[0]!.text.endsWith(':') && OPER_STATES.has(tokens[1]!.text);
}

// -br prints no scope; these are the scopes the kernel gives such addresses.
function impliedScope(family: 'inet' | 'inet6', addr: string): string {
  if (family === 'inet') return (parseIpv4(addr) ?? 0) >>> 24 === 127 ? 'host' : 'global';
  const lower = addr.toLowerCase();
  if (lower === '::1') return 'host';
  return /^fe[89ab]/.test(lower) ? 'link' : 'global';
}

/** Reads one brief line into a draft; `index` is assigned by the caller. */
export function parseBriefLine(tokens: Token[], index: number, file: string, line: number, diags: Diagnostic[]): LinkDraft {
  const { name, peer } = splitPeer(tokens[0]!.text);
  const span = lineSpan(file, line, tokens);
  const link: LinkDraft = {
    index, name, flags: [], mtu: 0, state: tokens[1]!.text, kind: 'unknown', kindSource: 'inferred', indexSource: 'sequential',
    addresses: [], span, origin: 'brief',
  };
  if (peer) link.peer = peer;
  for (let i = 2; i < tokens.length; i++) {
    const tok = tokens[i]!;
    const text = tok.text;
    if (text.startsWith('<')) {
      link.flags = text.slice(1, text.endsWith('>') ? -1 : undefined).split(',').filter((f) => f);
    } else if (text.includes('/')) {
      const family = text.includes(':') ? 'inet6' : 'inet';
      const { addr, prefix, badPrefix } = splitPrefix(text);
      const error = checkAddress(family, addr, prefix, badPrefix);
      if (error) {
        diags.push(diagnostic('LNK003', tokenSpan(file, line, tok), error));
        continue;
      }
      const address: LinkAddress = {
        family, address: addr, prefix: prefix ?? (family === 'inet' ? 32 : 128),
        scope: impliedScope(family, addr), secondary: false, span: tokenSpan(file, line, tok),
      };
      link.addresses.push(address);
    } else if (text.includes(':') && text.length === 17) {
      link.mac = text;
      link.linkType = 'ether';
    }
  }
  return link;
}
