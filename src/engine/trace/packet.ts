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
  /** IPVS has handled the packet (the kernel's skb->ipvs_property): its hooks let it pass from then on. */
  ipvs?: true;
}

/** What a tunnel adds around a packet: the outer packet's own L4 is in `Packet.l4`. */
export interface TunnelHeader {
  kind: 'vxlan' | 'geneve' | 'ipip';
  /** VXLAN VNI or Geneve VNI. */
  vni?: number;
  /** Bytes the encapsulation adds to the inner packet (outer IP, UDP, tunnel header, inner Ethernet). */
  overhead: number;
}

export interface Packet {
  eth: EthernetHeader | null;
  ip: IpHeader;
  l4: L4Header | null;
  meta: PacketMeta;
  /** Length of the IP packet in bytes. */
  length: number;
  /**
   * Set on an encapsulated packet: `ip`/`l4` are then the OUTER headers (what routing and
   * netfilter see on the underlay), `tunnel` the tunnel header, and `inner` the packet inside.
   */
  tunnel?: TunnelHeader;
  inner?: Packet;
}

/** A field that a hop changed, by dotted path (`ip.dst`, `l4.dport`, `meta.mark`, `eth.dst`). */
export interface FieldChange {
  field: string;
  before: string;
  after: string;
}

export function clonePacket(p: Packet): Packet {
  const copy: Packet = {
    eth: p.eth ? { ...p.eth } : null,
    ip: { ...p.ip },
    l4: p.l4 ? { ...p.l4 } : null,
    meta: { ...p.meta, ctnat: [...p.meta.ctnat] },
    length: p.length,
  };
  if (p.tunnel) copy.tunnel = { ...p.tunnel };
  if (p.inner) copy.inner = clonePacket(p.inner);
  return copy;
}

function flatten(p: Packet, prefix = '', out = new Map<string, string>()): Map<string, string> {
  if (prefix === '' && p.inner) {
    // Encapsulated: the outer headers keep the plain names, the inner ones get `inner.`.
    flatten(p.inner, 'inner.', out);
    out.set('tunnel', `${p.tunnel?.kind ?? '?'}${p.tunnel?.vni !== undefined ? ` vni ${p.tunnel.vni}` : ''}`);
  }
  if (prefix) {
    if (p.eth) {
      out.set(`${prefix}eth.src`, p.eth.src);
      out.set(`${prefix}eth.dst`, p.eth.dst);
    }
    out.set(`${prefix}ip.src`, p.ip.src);
    out.set(`${prefix}ip.dst`, p.ip.dst);
    if (p.l4) {
      out.set(`${prefix}l4.sport`, String(p.l4.sport));
      out.set(`${prefix}l4.dport`, String(p.l4.dport));
    }
    return out;
  }
  if (p.eth) {
    out.set('eth.src', p.eth.src);
    out.set('eth.dst', p.eth.dst);
  }
  out.set('ip.src', p.ip.src);
  out.set('ip.dst', p.ip.dst);
  out.set('ip.proto', String(p.ip.proto));
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
