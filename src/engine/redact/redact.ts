/**
 * Redaction of a whole workspace before it is shared: IPv4 addresses (prefix-preserving, see
 * `ipv4-map.ts`), MAC addresses, and the names of nodes, pods, namespaces, Services and network
 * namespaces, replaced the same way in every input, so the redacted workspace still parses into
 * the same topology and traces the same path. Names are learnt from the workspace itself (its
 * kubectl tables, its nodes and namespaces); a name no dump declares cannot be recognised.
 * IPv6 addresses are mapped the same way (`ipv6-map.ts`).
 */
import { buildModel } from '../model/build';
import type { InputFile } from '../model/types';
import { formatIpv4, parseIpv4, prefixToMask, maskToPrefix } from '../net/ipv4';
import { Ipv4Mapper } from './ipv4-map';
import { formatIpv6, Ipv6Mapper, parseIpv6, prefix6Mask } from './ipv6-map';
import { keyedHash } from './keyed-hash';

export interface Redaction {
  /** The inputs with every address and name replaced (file names too). */
  inputs: InputFile[];
  /** Redacts any other text the same way (a packet spec, a source name, a scenario's text). */
  text(s: string): string;
  /** How many distinct addresses, MACs and names were replaced. */
  counts: { addresses: number; macs: number; names: number };
}

/** Names that say nothing private and that dumps use as words: never replaced. */
const KEEP = new Set([
  'default', 'kube-system', 'kube-public', 'kube-node-lease', 'kubernetes', 'node', 'localhost', 'local', 'host', 'main', 'all',
  'tcp', 'udp', 'sctp', 'icmp', 'http', 'https', 'dns', 'dns-tcp', 'metrics', 'none', 'lo', 'eth0', 'eth1',
]);

const isNameChar = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 45 || c === 46 || c === 95;
const isHex = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
const isMacChar = (c: number) => isHex(c) || c === 58;

/** A MAC address (`aa:bb:cc:dd:ee:ff`) starting at `i`, not part of a longer hex/colon run. */
function macAt(text: string, i: number): boolean {
  if (i > 0 && isMacChar(text.charCodeAt(i - 1))) return false;
  if (i + 17 > text.length || (i + 17 < text.length && isMacChar(text.charCodeAt(i + 17)))) return false;
  for (let k = 0; k < 17; k++) {
    const c = text.charCodeAt(i + k);
    if (k % 3 === 2 ? c !== 58 : !isHex(c)) return false;
  }
  return true;
}

const isV6Char = (c: number) => isHex(c) || c === 58 || c === 46;

/**
 * The end of an IPv6 address starting at `i` (`fd00::1`, `::ffff:10.0.0.1`; not inside a longer
 * word, not followed by a name character), or -1.
 */
function ipv6End(text: string, i: number): number {
  const before = i > 0 ? text.charCodeAt(i - 1) : 32;
  if (isNameChar(before) || before === 58) return -1;
  let j = i;
  while (j < text.length && isV6Char(text.charCodeAt(j))) j++;
  while (j > i && text.charCodeAt(j - 1) === 46) j--; // a sentence's full stop
  if (j < text.length && isNameChar(text.charCodeAt(j)) && text.charCodeAt(j) !== 46) return -1;
  const run = text.slice(i, j);
  if (run.indexOf(':') === run.lastIndexOf(':')) return -1;
  return parseIpv6(run) === null ? -1 : j;
}

/** The prefix length written right after an IPv6 address (`/64`), or null. */
function prefix6After(text: string, i: number): number | null {
  if (text.charCodeAt(i) !== 47) return null;
  const m = /^\d{1,3}(?!\d)/.exec(text.slice(i + 1, i + 5));
  return m && Number(m[0]) <= 128 ? Number(m[0]) : null;
}

/** The mask written right after an address (`/24`, `/255.255.0.0`), or null. */
function maskAfter(text: string, i: number): number | null {
  if (text.charCodeAt(i) !== 47) return null;
  let j = i + 1;
  while (j < text.length && isNameChar(text.charCodeAt(j)) && text.charCodeAt(j) !== 45) j++;
  const word = text.slice(i + 1, j);
  if (/^\d{1,2}$/.test(word) && Number(word) <= 32) return prefixToMask(Number(word));
  const dotted = parseIpv4(word);
  return dotted !== null && maskToPrefix(dotted) !== null ? dotted : null;
}

class Redactor {
  private readonly ips: Ipv4Mapper;
  private readonly ips6: Ipv6Mapper;
  private readonly names = new Map<string, string>();
  private readonly perKind = new Map<string, number>();
  readonly seen = { addresses: new Set<number | bigint>(), macs: new Map<string, string>(), names: new Set<string>() };

  constructor(private readonly key: string) {
    this.ips = new Ipv4Mapper(key);
    this.ips6 = new Ipv6Mapper(key, this.ips);
  }

  /** Gives `name` a pseudonym `kind-xN` (the x keeps it apart from real names such as node-2), unless it already has one or is a word to keep. */
  learn(name: string | undefined, kind: string): void {
    if (!name || name.length < 3 || KEEP.has(name) || this.names.has(name) || parseIpv4(name) !== null || /^\d+$/.test(name)) return;
    const n = (this.perKind.get(kind) ?? 0) + 1;
    this.perKind.set(kind, n);
    this.names.set(name, `${kind}-x${n}`);
  }

  private mac(text: string): string {
    const lower = text.toLowerCase();
    const first = parseInt(lower.slice(0, 2), 16);
    // Broadcast, zero and multicast (group bit) MACs mean something as they are.
    if (lower === 'ff:ff:ff:ff:ff:ff' || lower === '00:00:00:00:00:00' || (first & 1) === 1) return text;
    let out = this.seen.macs.get(lower);
    if (!out) {
      const bytes = [0x02, ...[0, 1, 2, 3, 4].map((i) => keyedHash(this.key, ['mac', lower, i]) & 0xff)];
      out = bytes.map((b) => b.toString(16).padStart(2, '0')).join(':');
      this.seen.macs.set(lower, out);
    }
    return text === lower ? out : out.toUpperCase();
  }

  private ip(ip: number, mask: number | null): string {
    const mapped = this.ips.map(ip);
    if (mapped !== ip) this.seen.addresses.add(ip);
    // A network (`10.244.0.0/16`) stays a network; a host with its prefix length (`inet 10.244.1.1/24`) stays that host.
    const network = mask !== null && ((ip & ~mask) >>> 0) === 0;
    return formatIpv4(network ? (mapped & mask) >>> 0 : mapped);
  }

  private ip6(text: string, prefix: number | null): string {
    const ip = parseIpv6(text)!;
    const mapped = this.ips6.map(ip);
    if (mapped !== ip) this.seen.addresses.add(ip);
    const mask = prefix === null ? null : prefix6Mask(prefix);
    // As for IPv4: a network (`fd00:10:244::/64`) stays a network.
    return formatIpv6(mask !== null && (ip & ~mask & ((1n << 128n) - 1n)) === 0n ? mapped & mask : mapped);
  }

  /** One word of name characters: an address, a known name, or parts of one joined by - or _. */
  private word(run: string, mask: number | null): string {
    const ip = parseIpv4(run);
    if (ip !== null) return this.ip(ip, mask);
    const pseudonym = this.names.get(run);
    if (pseudonym !== undefined) {
      this.seen.names.add(run);
      return pseudonym;
    }
    // Trailing dots end a sentence, not an address.
    let dots = 0;
    while (dots < run.length && run.charCodeAt(run.length - 1 - dots) === 46) dots++;
    if (dots > 0 && dots < run.length) return `${this.word(run.slice(0, run.length - dots), null)}${run.slice(run.length - dots)}`;
    if (!run.includes('-') && !run.includes('_')) return run;
    // `service-H2PZ-shop`, `http__10.244.1.5`, `10.0.0.1-10.0.0.9`: each part on its own.
    return run.split(/([-_]+)/).map((part, i) => (i % 2 === 1 ? part : this.word(part, null))).join('');
  }

  text(s: string): string {
    let out = '';
    let i = 0;
    while (i < s.length) {
      const c = s.charCodeAt(i);
      if (isHex(c) && macAt(s, i)) {
        out += this.mac(s.slice(i, i + 17));
        i += 17;
        continue;
      }
      if (isHex(c) || c === 58) {
        const end = ipv6End(s, i);
        if (end >= 0) {
          out += this.ip6(s.slice(i, end), prefix6After(s, end));
          i = end;
          continue;
        }
      }
      if (!isNameChar(c)) {
        let j = i + 1;
        while (j < s.length && !isNameChar(s.charCodeAt(j)) && !isHex(s.charCodeAt(j)) && s.charCodeAt(j) !== 58) j++;
        out += s.slice(i, j);
        i = j;
        continue;
      }
      let j = i + 1;
      while (j < s.length && isNameChar(s.charCodeAt(j))) j++;
      // A hex run may be the start of a MAC further on (`aa:bb:...` begins with a name character).
      const run = s.slice(i, j);
      out += this.word(run, maskAfter(s, j));
      i = j;
    }
    return out;
  }

  get count(): Redaction['counts'] {
    return { addresses: this.seen.addresses.size, macs: this.seen.macs.size, names: this.seen.names.size };
  }
}

/**
 * Redacts every input of a workspace consistently. `key` decides the mapping: draw it at random
 * for each redaction (the same key gives the same mapping, which tests rely on).
 *
 * @example
 * const r = redactInputs([{ name: 'routes', text: '10.244.1.0/24 dev cni0' }], 'random key');
 * r.inputs[0].text; // e.g. '10.37.201.0/24 dev cni0': the prefix length and its zero host bits kept
 */
export function redactInputs(inputs: InputFile[], key: string): Redaction {
  const r = new Redactor(key);
  const model = buildModel(inputs);
  for (const n of model.kube.nodes) r.learn(n.name, 'node');
  for (const n of model.nodes) r.learn(n.name, 'node');
  for (const i of inputs) r.learn(i.node, 'node');
  for (const ns of model.netns.values()) r.learn(ns.name, 'netns');
  for (const p of model.kube.pods) {
    r.learn(p.namespace, 'ns');
    r.learn(p.name, 'pod');
    r.learn(p.node, 'node');
  }
  for (const s of model.kube.services) {
    r.learn(s.namespace, 'ns');
    r.learn(s.name, 'svc');
  }
  for (const i of inputs) r.learn(i.netns, 'netns');
  const out = inputs.map((input) => {
    const copy: InputFile = { ...input, name: r.text(input.name), text: r.text(input.text) };
    if (input.node !== undefined) copy.node = r.text(input.node);
    if (input.netns !== undefined) copy.netns = r.text(input.netns);
    return copy;
  });
  return { inputs: out, text: (s) => r.text(s), counts: r.count };
}
