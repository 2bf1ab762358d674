/**
 * `inet`/`inet6` lines of `ip addr`, in `print_addrinfo` order:
 * `inet A[/P] [peer P/L] [metric N] [brd B] [any A] scope S [FLAGS...] [LABEL]`.
 * For point-to-point addresses iproute2 prints the prefix after the peer, not the local address.
 */
import { diagnostic, type Diagnostic } from '../../diagnostics';
import { parseIpv4 } from '../../net/ipv4';
import type { LinkAddress } from './types';
import { looksLikeIpv6, parseUint, tokenSpan, lineSpan, type Token } from './text-lines';
import { msg, type Msg } from '../../explain/message';

// `print_ifa_flags` words (`temporary` is IPv6's name for the same bit as `secondary`).
const ADDRESS_FLAGS = new Set([
  'secondary', 'temporary', 'primary', 'nodad', 'optimistic', 'dadfailed', 'home', 'deprecated',
  'tentative', 'permanent', 'dynamic', 'noprefixroute', 'mngtmpaddr', 'autojoin', 'stable-privacy',
]);
// Words followed by one value that we read or deliberately ignore.
const VALUE_WORDS = new Set(['peer', 'brd', 'any', 'scope', 'metric', 'proto', 'flags', 'valid_lft', 'preferred_lft']);

/** Splits `A/P`; a missing prefix gives `null` for the caller to default. */
export function splitPrefix(text: string): { addr: string; prefix: number | null; badPrefix: boolean } {
  const slash = text.indexOf('/');
  if (slash < 0) return { addr: text, prefix: null, badPrefix: false };
  const prefix = parseUint(text.slice(slash + 1));
  return { addr: text.slice(0, slash), prefix, badPrefix: prefix === null };
}

/** Checks an address and prefix of a family; returns an error message or null. */
export function checkAddress(family: 'inet' | 'inet6', addr: string, prefix: number | null, badPrefix: boolean): Msg | null {
  const max = family === 'inet' ? 32 : 128;
  if (family === 'inet' ? parseIpv4(addr) === null : !looksLikeIpv6(addr)) {
    return msg('diag.LNK003.invalidFamilyAddress', { addr, family: family === 'inet' ? 'IPv4' : 'IPv6' });
  }
  if (badPrefix || (prefix !== null && prefix > max)) return msg('diag.LNK003.invalidPrefixLength', { addr, max });
  return null;
}

/**
 * Parses one iproute2 address line; returns null (with an LNK003 diagnostic) when the address
 * itself is unusable. Unknown trailing words are ignored.
 *
 * @example parseAddressLine(tokenizeLine('inet 10.244.1.1/24 brd 10.244.1.255 scope global cni0'), 'f', 7, [])
 */
export function parseAddressLine(tokens: Token[], file: string, line: number, diags: Diagnostic[]): LinkAddress | null {
  const family = tokens[0]?.text === 'inet6' ? 'inet6' : 'inet';
  const addrTok = tokens[1];
  if (!addrTok) {
    diags.push(diagnostic('LNK003', lineSpan(file, line, tokens), msg('diag.LNK003.withoutAddress', { family })));
    return null;
  }
  const split = splitPrefix(addrTok.text);
  const addr = split.addr;
  let { prefix, badPrefix } = split;
  let peer: string | undefined;
  let broadcast: string | undefined;
  let scope = 'global';
  let secondary = false;
  let label: string | undefined;
  for (let i = 2; i < tokens.length; i++) {
    const word = tokens[i]!.text;
    const value = tokens[i + 1]?.text;
    if (VALUE_WORDS.has(word) && value !== undefined) {
      if (word === 'peer') {
        const p = splitPrefix(value);
        peer = p.addr;
        // `inet 10.0.0.1 peer 10.0.0.2/32`: the prefix belongs to the peer.
        if (prefix === null) ({ prefix, badPrefix } = p);
      } else if (word === 'brd') broadcast = value;
      else if (word === 'scope') scope = value;
      i++;
    } else if (word === 'secondary' || word === 'temporary') {
      secondary = true;
    } else if (!ADDRESS_FLAGS.has(word) && family === 'inet') {
      label = word; // the label comes last; an unknown word before it is overwritten
    }
  }
  const error = checkAddress(family, addr, prefix, badPrefix);
  if (error) {
    diags.push(diagnostic('LNK003', tokenSpan(file, line, addrTok), error));
    return null;
  }
  const result: LinkAddress = {
    family, address: addr, prefix: prefix ?? (family === 'inet' ? 32 : 128), scope, secondary,
    span: lineSpan(file, line, tokens),
  };
  if (peer !== undefined) result.peer = peer;
  if (broadcast !== undefined) result.broadcast = broadcast;
  if (label !== undefined) result.label = label;
  return result;
}
