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
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  let value = 0;
  for (const part of parts) {
    if (part.length === 0 || part.length > 3) return null;
    let octet = 0;
    for (let i = 0; i < part.length; i++) {
      const c = part.charCodeAt(i) - 48;
      if (c < 0 || c > 9) return null;
      octet = octet * 10 + c;
    }
    if (octet > 255) return null;
    value = value * 256 + octet;
  }
  return value as Ipv4;
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
  const addrText = slash < 0 ? text : text.slice(0, slash);
  const addr = parseIpv4(addrText);
  if (addr === null) return null;
  let mask: number;
  if (slash < 0) {
    mask = prefixToMask(defaultPrefix);
  } else {
    const maskText = text.slice(slash + 1);
    if (maskText.includes('.')) {
      const dotted = parseIpv4(maskText);
      if (dotted === null) return null;
      mask = dotted;
    } else {
      if (!/^\d{1,2}$/.test(maskText)) return null;
      const len = Number(maskText);
      if (len > 32) return null;
      mask = prefixToMask(len);
    }
  }
  return { addr: ((addr & mask) >>> 0) as Ipv4, mask, prefix: maskToPrefix(mask) };
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
