/**
 * Link-layer addresses as iproute2 prints them (`ll_addr_n2a`): colon-separated hex bytes for
 * Ethernet (`9e:01:3d:09:66:39`) and InfiniBand (20 bytes), a dotted quad for ipip/gre/sit
 * devices. Shared by `ip neigh` and `bridge fdb`.
 */
import { parseIpv4, formatIpv4 } from '../../net/ipv4';

function hexDigit(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}

/**
 * A 6-byte Ethernet MAC, lower-cased and zero-padded (`A2:7F:3C:1:4E:1` → `a2:7f:3c:01:4e:01`);
 * null for anything else. Linear, no regular expression.
 *
 * @example parseMac('9E:01:3D:09:66:39'); // '9e:01:3d:09:66:39'
 */
export function parseMac(text: string): string | null {
  return parseHexBytes(text, 6, 6);
}

/** `n` colon-separated bytes of one or two hex digits, with `min ≤ n ≤ max`; normalised. */
function parseHexBytes(text: string, min: number, max: number): string | null {
  if (text.length === 0 || text.length > max * 3) return null;
  const parts = text.split(':');
  if (parts.length < min || parts.length > max) return null;
  const out: string[] = [];
  for (const p of parts) {
    if (p.length === 0 || p.length > 2) return null;
    for (let i = 0; i < p.length; i++) if (!hexDigit(p.charCodeAt(i))) return null;
    out.push(p.length === 1 ? `0${p.toLowerCase()}` : p.toLowerCase());
  }
  return out.join(':');
}

/**
 * Any link-layer address `ip neigh` prints after `lladdr`: a MAC (normalised), another
 * colon-hex address of 1–32 bytes (InfiniBand), or a dotted quad (tunnel devices). Null otherwise.
 *
 * @example parseLladdr('10.0.0.2'); // '10.0.0.2' (an ipip neighbour)
 */
export function parseLladdr(text: string): string | null {
  if (text.includes('.')) {
    const ip = parseIpv4(text);
    return ip === null ? null : formatIpv4(ip);
  }
  return parseHexBytes(text, 1, 32);
}

/** True for the all-zero MAC that VXLAN FDBs use for default (flood) destinations. @example isZeroMac('00:00:00:00:00:00'); // true */
export function isZeroMac(mac: string): boolean {
  return mac === '00:00:00:00:00:00';
}
