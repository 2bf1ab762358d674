/** The packet as the simulator carries it, hop to hop. Plain data: it crosses to workers and into URLs. */

export interface EthernetHeader {
  src: string;
  dst: string;
}

export interface IpHeader {
  src: string;
  dst: string;
  proto: number;
  ttl: number;
}

export interface L4Header {
  sport: number;
  dport: number;
  /** TCP flags as letters, e.g. "S" for a SYN, "SA", "A". */
  flags?: string;
}

/**
 * What a connection-tracking entry says about the packet, as `-m conntrack` sees it.
 * NONE: conntrack of this namespace has not seen the packet (yet), e.g. in the raw table or
 * right after a veth crossing.
 */
export type CtState = 'NONE' | 'NEW' | 'ESTABLISHED' | 'RELATED' | 'INVALID' | 'UNTRACKED';

export interface PacketMeta {
  mark: number;
  ctmark: number;
  ctstate: CtState;
  /** Conntrack direction of this packet. */
  ctdir: 'ORIGINAL' | 'REPLY';
  /** NAT already recorded in the connection (DNAT, SNAT), as `--ctstate DNAT` sees it. */
  ctnat: ('DNAT' | 'SNAT')[];
}

export interface Packet {
  eth: EthernetHeader | null;
  ip: IpHeader;
  l4: L4Header | null;
  meta: PacketMeta;
  /** Length of the IP packet in bytes. */
  length: number;
}

/** A field that a hop changed, by dotted path (`ip.dst`, `l4.dport`, `meta.mark`, `eth.dst`). */
export interface FieldChange {
  field: string;
  before: string;
  after: string;
}

export function clonePacket(p: Packet): Packet {
  return {
    eth: p.eth ? { ...p.eth } : null,
    ip: { ...p.ip },
    l4: p.l4 ? { ...p.l4 } : null,
    meta: { ...p.meta, ctnat: [...p.meta.ctnat] },
    length: p.length,
  };
}

function flatten(p: Packet): Map<string, string> {
  const out = new Map<string, string>();
  if (p.eth) {
    out.set('eth.src', p.eth.src);
    out.set('eth.dst', p.eth.dst);
  }
  out.set('ip.src', p.ip.src);
  out.set('ip.dst', p.ip.dst);
  out.set('ip.ttl', String(p.ip.ttl));
  if (p.l4) {
    out.set('l4.sport', String(p.l4.sport));
    out.set('l4.dport', String(p.l4.dport));
  }
  out.set('meta.mark', `0x${p.meta.mark.toString(16)}`);
  out.set('meta.ctstate', p.meta.ctstate);
  return out;
}

/** The fields that differ between two packets, in a stable order. */
export function diffPackets(before: Packet, after: Packet): FieldChange[] {
  const a = flatten(before);
  const b = flatten(after);
  const changes: FieldChange[] = [];
  for (const field of new Set([...a.keys(), ...b.keys()])) {
    const x = a.get(field) ?? '—';
    const y = b.get(field) ?? '—';
    if (x !== y) changes.push({ field, before: x, after: y });
  }
  return changes;
}
