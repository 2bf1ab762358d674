/**
 * IPv4 addresses as unsigned 32-bit numbers: comparisons and masks are then single integer
 * operations, which keeps matching fast on dumps with hundreds of thousands of rules.
 */

/** An IPv4 address as an unsigned 32-bit integer. Branded so it is not mixed up with ports or marks. */
export type Ipv4 = number & { readonly __brand: 'Ipv4' };

/** An address and a mask (both unsigned 32-bit); `prefix` is set when the mask is contiguous. */
export interface Ipv4Net {
  addr: Ipv4;
  mask: number;
  prefix: number | null;
}

/** Parses dotted-quad text; returns null for anything else (no exceptions on hostile input). */
export function parseIpv4(text: string): Ipv4 | null {
  return parseIpv4In(text, 0, text.length);
}

/** `parseIpv4` of `text.slice(from, to)`, without the slice or a split (parsers call it per rule). */
function parseIpv4In(text: string, from: number, to: number): Ipv4 | null {
  let value = 0;
  let i = from;
  for (let parts = 1; ; parts++) {
    let octet = 0;
    let digits = 0;
    while (i < to && text.charCodeAt(i) !== 46 /* . */) {
      const c = text.charCodeAt(i) - 48;
      if (c < 0 || c > 9 || ++digits > 3) return null;
      octet = octet * 10 + c;
      i++;
    }
    if (digits === 0 || octet > 255) return null;
    value = value * 256 + octet;
    if (parts === 4) return i === to ? (value as Ipv4) : null;
    if (i >= to) return null;
    i++; // the dot
  }
}

export function formatIpv4(ip: number): string {
  return `${(ip >>> 24) & 255}.${(ip >>> 16) & 255}.${(ip >>> 8) & 255}.${ip & 255}`;
}

export function prefixToMask(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

/** The prefix length of a contiguous mask, or null when the mask has holes (e.g. 255.0.255.0). */
export function maskToPrefix(mask: number): number | null {
  const inverted = ~mask >>> 0;
  if ((inverted & (inverted + 1)) !== 0) return null;
  let prefix = 0;
  for (let m = mask >>> 0; m !== 0; m = (m << 1) >>> 0) prefix++;
  return prefix;
}

/**
 * Parses `A`, `A/len` or `A/dotted.mask`. A bare address is a /32 (`defaultPrefix`).
 * The address is masked, as iptables does when it loads a rule.
 */
export function parseIpv4Net(text: string, defaultPrefix = 32): Ipv4Net | null {
  const slash = text.indexOf('/');
  const addr = parseIpv4In(text, 0, slash < 0 ? text.length : slash);
  if (addr === null) return null;
  const mask = slash < 0 ? prefixToMask(defaultPrefix) : maskOf(text, slash + 1);
  if (mask === null) return null;
  return { addr: ((addr & mask) >>> 0) as Ipv4Net['addr'], mask, prefix: maskToPrefix(mask) };
}

/** Whether `parseIpv4Net(text)` would succeed, without building the value. */
export function isIpv4Net(text: string): boolean {
  const slash = text.indexOf('/');
  if (parseIpv4In(text, 0, slash < 0 ? text.length : slash) === null) return false;
  return slash < 0 || maskOf(text, slash + 1) !== null;
}

/** The mask written from `from` to the end: a dotted mask or a prefix length of 1-2 digits up to 32. */
function maskOf(text: string, from: number): number | null {
  if (text.indexOf('.', from) >= 0) return parseIpv4In(text, from, text.length);
  const n = text.length - from;
  if (n < 1 || n > 2) return null;
  let len = 0;
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return null;
    len = len * 10 + c;
  }
  return len > 32 ? null : prefixToMask(len);
}

export function inNet(ip: number, net: Ipv4Net): boolean {
  return ((ip & net.mask) >>> 0) === net.addr;
}

export function formatIpv4Net(net: Ipv4Net): string {
  const addr = formatIpv4(net.addr);
  return net.prefix === null ? `${addr}/${formatIpv4(net.mask)}` : `${addr}/${net.prefix}`;
}

/** Protocol numbers iptables knows by name (the fixed table of iptables ≥1.8.10). */
export const PROTOCOL_NUMBERS: Readonly<Record<string, number>> = {
  icmp: 1, igmp: 2, tcp: 6, udp: 17, gre: 47, esp: 50, ah: 51, 'ipv6-icmp': 58, icmpv6: 58,
  ipip: 4, sctp: 132, udplite: 136, dccp: 33, ipcomp: 108, mh: 135,
};

export function protocolName(num: number): string {
  for (const [name, n] of Object.entries(PROTOCOL_NUMBERS)) if (n === num && name !== 'icmpv6') return name;
  return String(num);
}

/** `tcp`, `TCP`, `6` → 6; `all`/`0` → 0; unknown → null. */
export function parseProtocol(text: string): number | null {
  const lower = text.toLowerCase();
  if (lower === 'all' || lower === '0') return 0;
  if (/^\d{1,3}$/.test(lower)) {
    const n = Number(lower);
    return n <= 255 ? n : null;
  }
  return PROTOCOL_NUMBERS[lower] ?? null;
}
