/**
 * Interface dumps → `LinkTable`: `ip addr`, `ip link`, `ip -d link|addr`, `ip -o`, `ip -br`,
 * and both `ifconfig` layouts, mixed freely in one paste. Line by line, never throwing: a line
 * that cannot be read becomes a diagnostic and the next line is read as if it were not there.
 */
import { diagnostic, type Diagnostic, type ParseResult } from '../../diagnostics';
import type { Link, LinkTable } from './types';
import { parseAddressLine } from './address-line';
import { isBriefLine, parseBriefLine } from './brief';
import { applyIfconfigLine, isNewIfconfigHeader, isOldIfconfigHeader, parseIfconfigHeader } from './ifconfig';
import { applyDetailLine, applyLinkLine, headerIndex, parseHeader, type LinkDraft } from './link-header';
import { inferKind } from './link-kind';
import { forEachTokenLine, isPromptOrNoise, lineSpan, parseUint, type Token } from './text-lines';
import { msg, type Msg } from '../../explain/message';

// Indented lines iproute2 prints that carry nothing we model.
const IGNORED_WORDS = new Set([
  'valid_lft', 'preferred_lft', 'altname', 'alias', 'prop', 'vf', 'RX:', 'TX:', 'RX', 'TX',
  'promiscuity', 'addrgenmode', 'numtxqueues', 'gso_max_size', 'prog/xdp', 'cache', 'nohandle',
]);

const LOSSY: Readonly<Record<'ifconfig' | 'brief' | 'oneline', Msg>> = {
  ifconfig: msg('diag.LNK004.lossyIfconfig'),
  brief: msg('diag.LNK004.lossyBrief'),
  oneline: msg('diag.LNK004.lossyOneline'),
};

class LinkReader {
  readonly diags: Diagnostic[] = [];
  readonly links: LinkDraft[] = [];
  private current: LinkDraft | null = null;
  /** ifconfig alias (`eth0:1`): its addresses move to the base link when it closes. */
  private aliasBase: { base: LinkDraft | null; label: string } | null = null;
  private maxIndex = 0;
  private readonly noted = new Set<string>();
  // The latest link by name and by `index:name`, so lookups stay O(1) on huge dumps.
  private readonly byName = new Map<string, LinkDraft>();
  private readonly byIndexName = new Map<string, LinkDraft>();

  constructor(private readonly file: string) {}

  read(line: number, tokens: Token[]): void {
    const file = this.file;
    if (isPromptOrNoise(tokens)) {
      this.close();
      this.diags.push(diagnostic('LNK004', lineSpan(file, line, tokens), msg('diag.LNK004.skippedShellPromptComment'), 'info'));
      return;
    }
    const index = headerIndex(tokens[0]);
    if (index !== null && tokens[1]?.text.endsWith(':')) {
      this.open(parseHeader(tokens, index, file, line, this.diags));
    } else if (index !== null && tokens.length > 2 && isContinuationWord(tokens[2]!.text)) {
      this.oneline(index, tokens, line);
    } else if (isNewIfconfigHeader(tokens) || isOldIfconfigHeader(tokens)) {
      this.note('ifconfig', line, tokens);
      this.openIfconfig(parseIfconfigHeader(tokens, this.maxIndex + 1, file, line));
    } else if (isBriefLine(tokens)) {
      this.note('brief', line, tokens);
      this.open(parseBriefLine(tokens, this.maxIndex + 1, file, line, this.diags));
      this.current = null; // a brief line is complete in itself
    } else if (this.current) {
      this.continuation(this.current, line, tokens);
    } else if (isContinuationWord(tokens[0]!.text)) {
      this.diags.push(diagnostic('LNK002', lineSpan(file, line, tokens)));
    } else {
      this.diags.push(diagnostic('LNK004', lineSpan(file, line, tokens), undefined, 'warning'));
    }
  }

  finish(): LinkTable {
    this.close();
    const seen = new Set<string>();
    for (const link of this.links) {
      if (seen.has(link.name)) {
        this.diags.push(diagnostic('LNK004', link.span,
          msg('diag.LNK004.interfaceListedTwicePaste', { linkName: link.name }), 'warning'));
      }
      seen.add(link.name);
    }
    return { links: this.links.map(finishLink), files: [this.file] };
  }

  private open(link: LinkDraft | null): void {
    this.close();
    if (!link) return;
    this.add(link);
    this.current = link;
  }

  private add(link: LinkDraft): void {
    this.links.push(link);
    this.maxIndex = Math.max(this.maxIndex, link.index);
    this.byName.set(link.name, link);
    this.byIndexName.set(`${link.index}:${link.name}`, link);
  }

  private openIfconfig(link: LinkDraft): void {
    const colon = link.name.indexOf(':');
    if (colon <= 0) return this.open(link);
    // `eth0:1` is an address label on eth0, not an interface.
    this.close();
    const baseName = link.name.slice(0, colon);
    const base = this.byName.get(baseName) ?? null;
    this.aliasBase = { base, label: link.name };
    this.current = { ...link, name: baseName };
  }

  private close(): void {
    const alias = this.aliasBase;
    const current = this.current;
    this.aliasBase = null;
    this.current = null;
    if (!alias || !current) return;
    for (const a of current.addresses) {
      a.label = alias.label;
      a.secondary = true;
    }
    if (!alias.base) return this.add(current);
    for (const a of current.addresses) alias.base.addresses.push(a); // no spread: it can exceed the argument limit
  }

  private continuation(link: LinkDraft, line: number, tokens: Token[]): void {
    const file = this.file;
    const word = tokens[0]!.text;
    if (link.origin === 'ifconfig') {
      if (!applyIfconfigLine(link, tokens, file, line, this.diags)) {
        this.diags.push(diagnostic('LNK004', lineSpan(file, line, tokens), undefined, 'warning'));
      }
    } else if (word === 'inet' || word === 'inet6') {
      const address = parseAddressLine(tokens, file, line, this.diags);
      if (address) link.addresses.push(address);
    } else if (word.startsWith('link/')) {
      applyLinkLine(link, tokens, file, line, this.diags);
    } else if (applyDetailLine(link, tokens, file, line, this.diags)) {
      // a `-d` kind line
    } else if (!IGNORED_WORDS.has(word) && !tokens.every((t) => parseUint(t.text) !== null)) {
      this.diags.push(diagnostic('LNK004', lineSpan(file, line, tokens), undefined, 'warning'));
    }
  }

  /** `ip -o addr`: `2: eth0    inet 10.0.2.15/24 ... eth0` (the `\ valid_lft` part is split off). */
  private oneline(index: number, tokens: Token[], line: number): void {
    const name = tokens[1]!.text;
    let link = this.byIndexName.get(`${index}:${name}`);
    if (!link) {
      this.note('oneline', line, tokens);
      link = {
        index, name, flags: [], mtu: 0, state: 'UNKNOWN', kind: 'unknown', kindSource: 'inferred',
        addresses: [], span: lineSpan(this.file, line, tokens), origin: 'ip',
      };
      this.open(link);
    } else {
      this.close();
    }
    this.continuation(link, line, tokens.slice(2));
    this.current = link;
  }

  private note(kind: keyof typeof LOSSY, line: number, tokens: Token[]): void {
    if (this.noted.has(kind)) return;
    this.noted.add(kind);
    this.diags.push(diagnostic('LNK004', lineSpan(this.file, line, tokens), LOSSY[kind], 'info'));
  }
}

function isContinuationWord(word: string): boolean {
  return word === 'inet' || word === 'inet6' || word.startsWith('link/');
}

/** Fills in what the layout did not say and drops the draft-only fields. */
function finishLink(d: LinkDraft): Link {
  let kind = d.kind;
  let kindSource = d.kindSource;
  if (kindSource === 'inferred') {
    // In `ip -d` output only devices without link ops (physical NICs, lo) lack a kind line.
    if (d.detailed && (d.linkType === 'ether' || d.linkType === 'loopback')) {
      kind = d.linkType === 'ether' ? 'ethernet' : 'loopback';
      kindSource = 'detail';
    } else {
      kind = inferKind({ name: d.name, peer: d.peer, flags: d.flags, linkType: d.linkType });
    }
  }
  // ifconfig has no operstate; RUNNING is the closest it prints.
  const state = d.origin === 'ifconfig' ? (d.flags.includes('RUNNING') ? 'UP' : 'DOWN') : d.state;
  const link: Link = {
    index: d.index, name: d.name, flags: d.flags, mtu: d.mtu, state, kind, kindSource,
    addresses: d.addresses, span: d.span,
  };
  if (d.peer) link.peer = d.peer;
  if (d.master !== undefined) link.master = d.master;
  if (d.mac !== undefined) link.mac = d.mac;
  if (d.linkNetns) link.linkNetns = d.linkNetns;
  if (d.vxlan) link.vxlan = d.vxlan;
  if (d.indexSource) link.indexSource = d.indexSource;
  if (d.bridgePort) link.bridgePort = d.bridgePort;
  return link;
}

/**
 * Parses interface dumps: `ip addr`, `ip link`, `ip -d link show`, `ip -d addr`, `ip -o`,
 * `ip -br addr|link` and `ifconfig` (new and old layouts). Never throws.
 *
 * @example
 * const { value } = parseIpAddr('3: eth0@if7: <UP,LOWER_UP> mtu 1450 qdisc noqueue state UP\n' +
 *   '    link/ether 2a:3f:19:0c:5e:71 brd ff:ff:ff:ff:ff:ff link-netnsid 0\n' +
 *   '    inet 10.244.1.5/24 brd 10.244.1.255 scope global eth0\n', 'pod.txt');
 * value.links[0]; // { index: 3, name: 'eth0', peer: { ifindex: 7 }, kind: 'veth', linkNetns: { id: 0 }, ... }
 */
export function parseIpAddr(text: string, file: string): ParseResult<LinkTable> {
  const reader = new LinkReader(file);
  forEachTokenLine(text, (line, tokens) => reader.read(line, tokens));
  const value = reader.finish();
  return { value, diagnostics: reader.diags };
}
