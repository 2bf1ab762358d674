/**
 * The per-interface lines of `ip addr` / `ip link` / `ip -d link` other than addresses:
 * the `N: NAME[@PEER]: <FLAGS> mtu M ... state S` header, the `link/TYPE MAC ...` line and the
 * `-d` kind line (`vxlan id 1 local ... dstport 8472`, `veth`, `bridge ...`).
 */
import { diagnostic, type Diagnostic } from '../../diagnostics';
import type { Link, VxlanInfo } from './types';
import { detailKind } from './link-kind';
import { lineSpan, parseUint, tokenSpan, type Token } from './text-lines';
import { msg } from '../../explain/message';

/**
 * A link while it is being read. `linkType` (`link/TYPE`, ifconfig's encapsulation) only helps
 * to infer the kind; `origin` says which layout described it, since ifconfig and `ip -br` lack
 * fields the finishing step must fill in.
 */
export interface LinkDraft extends Link {
  linkType?: string;
  origin: 'ip' | 'brief' | 'ifconfig';
  /** The `link/` line carried `-d` fields (`promiscuity ...`), so a missing kind line is meaningful. */
  detailed?: boolean;
}

/** `N:` — the index token that starts an iproute2 header (or an `ip -o addr` line). */
export function headerIndex(token: Token | undefined): number | null {
  if (!token || token.text.length < 2 || !token.text.endsWith(':')) return null;
  return parseUint(token.text.slice(0, -1));
}

/** Splits `NAME@PEER`: `@ifN` is an index in another namespace, `@NONE` means no peer. */
export function splitPeer(nameAndPeer: string): { name: string; peer?: Link['peer'] } {
  const at = nameAndPeer.indexOf('@');
  if (at <= 0) return { name: nameAndPeer };
  const name = nameAndPeer.slice(0, at);
  const peerText = nameAndPeer.slice(at + 1);
  if (peerText === 'NONE' || peerText === '') return { name };
  const ifindex = peerText.startsWith('if') ? parseUint(peerText.slice(2)) : null;
  return { name, peer: ifindex !== null ? { ifindex } : { name: peerText } };
}

const HEADER_VALUE_WORDS = new Set(['mtu', 'qdisc', 'master', 'state', 'mode', 'group', 'qlen', 'link-netnsid', 'link-netns']);

/**
 * Parses `2: eth0@if7: <BROADCAST,UP> mtu 1450 qdisc noqueue master cni0 state UP ...`.
 * The caller has checked `headerIndex(tokens[0])`. A pasted header whose `link/` line was
 * joined onto it (seen in blog copies) is read as both.
 */
export function parseHeader(tokens: Token[], index: number, file: string, line: number, diags: Diagnostic[]): LinkDraft | null {
  const nameTok = tokens[1];
  const rawName = nameTok?.text.endsWith(':') ? nameTok.text.slice(0, -1) : '';
  const { name, peer } = splitPeer(rawName);
  if (!nameTok || name === '') {
    diags.push(diagnostic('LNK001', lineSpan(file, line, tokens), msg('diag.LNK001.interfaceHeaderWithoutName')));
    return null;
  }
  const link: LinkDraft = {
    index, name, flags: [], mtu: 0, state: 'UNKNOWN', kind: 'unknown', kindSource: 'inferred',
    addresses: [], span: lineSpan(file, line, tokens), origin: 'ip',
  };
  if (peer) link.peer = peer;
  let sawMtu = false;
  let i = 2;
  const flagsTok = tokens[2];
  if (flagsTok?.text.startsWith('<')) {
    const closed = flagsTok.text.endsWith('>');
    link.flags = flagsTok.text.slice(1, closed ? -1 : undefined).split(',').filter((f) => f !== '');
    if (!closed) diags.push(diagnostic('LNK001', tokenSpan(file, line, flagsTok), msg('diag.LNK001.unterminatedFlagList'), 'warning'));
    i = 3;
  }
  for (; i < tokens.length; i++) {
    const word = tokens[i]!.text;
    if (word.startsWith('link/')) {
      applyLinkLine(link, tokens.slice(i), file, line, diags);
      break;
    }
    const valueTok = tokens[i + 1];
    if (!HEADER_VALUE_WORDS.has(word) || !valueTok) continue;
    i++;
    if (word === 'mtu') {
      const mtu = parseUint(valueTok.text);
      if (mtu === null) diags.push(diagnostic('LNK001', tokenSpan(file, line, valueTok), msg('diag.LNK001.invalidMtu', { valueTokText: valueTok.text }), 'warning'));
      else { link.mtu = mtu; sawMtu = true; }
    } else if (word === 'master') link.master = valueTok.text;
    else if (word === 'state') link.state = valueTok.text;
  }
  if (!sawMtu && !tokens.some((t) => t.text === 'mtu')) {
    diags.push(diagnostic('LNK001', lineSpan(file, line, tokens), msg('diag.LNK001.headerHasNoMtu', { name }), 'warning'));
  }
  return link;
}

const LINK_VALUE_WORDS = new Set(['brd', 'permaddr', 'link-netnsid', 'link-netns', 'promiscuity', 'allmulti', 'minmtu', 'maxmtu']);

/** Applies `link/ether MAC brd B [permaddr P] [link-netnsid N | link-netns NAME] [-d words...]`. */
export function applyLinkLine(link: LinkDraft, tokens: Token[], file: string, line: number, diags: Diagnostic[]): void {
  const typeTok = tokens[0]!;
  link.linkType = typeTok.text.slice('link/'.length);
  const addr = tokens[1]?.text;
  if (addr !== undefined && !LINK_VALUE_WORDS.has(addr) && (link.linkType === 'ether' || link.linkType === 'loopback')) {
    link.mac = addr;
  }
  for (let i = 1; i < tokens.length - 1; i++) {
    const word = tokens[i]!.text;
    const valueTok = tokens[i + 1]!;
    if (word === 'promiscuity') link.detailed = true;
    if (word === 'link-netnsid') {
      const id = parseUint(valueTok.text);
      if (id === null) diags.push(diagnostic('LNK004', tokenSpan(file, line, valueTok), msg('diag.LNK004.invalidLinkNetnsid', { valueTokText: valueTok.text }), 'warning'));
      else link.linkNetns = { id };
      i++;
    } else if (word === 'link-netns') {
      link.linkNetns = { name: valueTok.text };
      i++;
    }
  }
}

/**
 * Applies an `ip -d` kind line if `tokens` is one; returns false when the first word is not a
 * kind. `*_slave` lines (bridge_slave, openvswitch_slave) describe the port, not the kind.
 */
export function applyDetailLine(link: LinkDraft, tokens: Token[], file: string, line: number, diags: Diagnostic[]): boolean {
  const word = tokens[0]!.text;
  if (word === 'bridge_slave') {
    // The port's flags matter for forwarding: hairpin lets a frame leave by the port it came in on.
    const at = tokens.findIndex((t) => t.text === 'hairpin');
    const value = at >= 0 ? tokens[at + 1]?.text : undefined;
    if (value === 'on' || value === 'off') link.bridgePort = { hairpin: value === 'on' };
    return true;
  }
  if (word.endsWith('_slave')) return true;
  const found = detailKind(word);
  if (!found) return false;
  link.kind = found.kind;
  link.kindSource = 'detail';
  if (!found.modelled) {
    diags.push(diagnostic('LNK004', tokenSpan(file, line, tokens[0]!),
      msg('diag.LNK004.interfaceKindModelledKept', { word, linkName: link.name }), 'info'));
  }
  if (found.kind === 'vxlan') link.vxlan = parseVxlan(tokens);
  return true;
}

/** `vxlan [external] id 1 [remote|group A] [local A] [dev IF] srcport 0 0 dstport 8472 ...`. */
function parseVxlan(tokens: Token[]): VxlanInfo {
  const info: VxlanInfo = { id: 0, dstport: 8472 }; // 8472: the kernel's default when none is set
  for (let i = 1; i < tokens.length - 1; i++) {
    const word = tokens[i]!.text;
    const value = tokens[i + 1]!.text;
    if (word === 'id') info.id = parseUint(value) ?? 0;
    else if (word === 'dstport') info.dstport = parseUint(value) ?? info.dstport;
    else if (word === 'local' && value !== 'any') info.local = value;
    else if (word === 'remote' && value !== 'any') info.remote = value;
    else if (word === 'group') info.group = value;
    else if (word === 'dev') info.dev = value;
    else continue;
    i++;
  }
  return info;
}
