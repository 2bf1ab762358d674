/**
 * Prefix-preserving IPv4 redaction (the idea of Crypto-PAn): each bit is flipped or kept
 * depending on a keyed hash of the bits before it, so two addresses that share an n-bit prefix
 * still share one after mapping, for every n. Routes, CIDRs, ipsets and rules therefore still
 * match the same addresses. The leading bits that make an address recognisable are kept: the
 * first octet (so 10/8 stays private, 8.8.8.8 stays public), 172.16/12, 192.168/16 and 100.64/10
 * whole (every address of 172, 192, 100 and 169 keeps as many bits); 0/8, 127/8, 169.254/16 (Calico's 169.254.1.1) and 224/3 (multicast, masks such as
 * 255.255.255.0) are not changed at all.
 */
import { keyedHash } from './keyed-hash';

/**
 * How many leading bits of `ip` are kept as they are. Every address of a first octet keeps as
 * many bits as that octet's special range needs, so no address is mapped into or out of it.
 */
function keptBits(ip: number): number {
  const a = ip >>> 24;
  const b = (ip >>> 16) & 0xff;
  if (a === 0 || a === 127 || a >= 224 || (a === 169 && b === 254)) return 32;
  if (a === 192 || a === 169) return 16;
  if (a === 172) return 12;
  if (a === 100) return 10;
  return 8;
}

export class Ipv4Mapper {
  private readonly cache = new Map<number, number>();

  constructor(private readonly key: string) {}

  /** The redacted address of `ip` (an unsigned 32-bit number). */
  map(ip: number): number {
    const hit = this.cache.get(ip);
    if (hit !== undefined) return hit;
    const keep = keptBits(ip);
    let out = keep === 0 ? 0 : (ip >>> (32 - keep)) << (32 - keep);
    for (let bit = keep; bit < 32; bit++) {
      const prefix = bit === 0 ? 0 : ip >>> (32 - bit);
      const flip = keyedHash(this.key, [bit, prefix]) & 1;
      const value = ((ip >>> (31 - bit)) & 1) ^ flip;
      out |= value << (31 - bit);
    }
    out >>>= 0;
    this.cache.set(ip, out);
    return out;
  }
}
