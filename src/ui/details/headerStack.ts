/**
 * The packet as a stack of headers, outermost first: for a tunnelled packet the outer
 * Ethernet/IP/UDP, the tunnel header (VXLAN, Geneve, IPIP), then the inner packet's headers.
 * Each field carries before and after, so a rewrite shows where in the stack it happened.
 * Field ids follow the engine's dotted paths (`ip.dst`, `inner.ip.src`, `meta.mark`).
 */
import type { Packet } from '../../engine';

export interface StackField {
  field: string;
  /** The field's name: a protocol token (src, dport, ct state…) or a `details:packet.field.*` key (kind, overhead, length). */
  label: string;
  before: string;
  after: string;
  changed: boolean;
}

/** The layer's protocol (Ethernet, IPv4, TCP, VXLAN…); `meta` for conntrack and marks. `position` says whether it is a tunnel's outer or inner header. */
export interface LayerTitle {
  name: string;
  position: 'outer' | 'inner' | null;
}

/** The value shown for a packet that conntrack has not seen yet (the view words it). */
export const UNTRACKED = 'untracked';

/** Field names that are words, not protocol tokens: the view translates them. */
export const WORD_FIELDS: ReadonlySet<string> = new Set(['kind', 'overhead', 'length']);

export interface StackLayer {
  id: string;
  title: LayerTitle;
  /** Outer headers of a tunnel, the tunnel header itself, the inner packet, or packet metadata. */
  role: 'plain' | 'outer' | 'tunnel' | 'inner' | 'meta';
  fields: StackField[];
}

const PROTOCOLS: Record<number, string> = { 1: 'icmp', 4: 'ipip', 6: 'tcp', 17: 'udp', 132: 'sctp' };
const TUNNEL_TITLE = { vxlan: 'VXLAN', geneve: 'Geneve', ipip: 'IPIP' } as const;

type Entry = [layer: string, title: LayerTitle, field: string, label: string, value: string];

function headers(p: Packet | undefined, prefix: string, position: LayerTitle['position'], out: Entry[]) {
  if (!p) return;
  const l4 = (PROTOCOLS[p.ip.proto] ?? 'L4').toUpperCase();
  const title = (name: string): LayerTitle => ({ name, position });
  if (p.eth) {
    out.push([`${prefix}eth`, title('Ethernet'), `${prefix}eth.src`, 'src MAC', p.eth.src]);
    out.push([`${prefix}eth`, title('Ethernet'), `${prefix}eth.dst`, 'dst MAC', p.eth.dst]);
  }
  out.push([`${prefix}ip`, title('IPv4'), `${prefix}ip.src`, 'src', p.ip.src]);
  out.push([`${prefix}ip`, title('IPv4'), `${prefix}ip.dst`, 'dst', p.ip.dst]);
  out.push([`${prefix}ip`, title('IPv4'), `${prefix}ip.proto`, 'proto', PROTOCOLS[p.ip.proto] ?? String(p.ip.proto)]);
  out.push([`${prefix}ip`, title('IPv4'), `${prefix}ip.ttl`, 'TTL', String(p.ip.ttl)]);
  if (p.l4) {
    out.push([`${prefix}l4`, title(l4), `${prefix}l4.sport`, 'sport', String(p.l4.sport)]);
    out.push([`${prefix}l4`, title(l4), `${prefix}l4.dport`, 'dport', String(p.l4.dport)]);
    if (p.l4.flags) out.push([`${prefix}l4`, title(l4), `${prefix}l4.flags`, 'flags', p.l4.flags]);
  }
}

function entries(p: Packet): Entry[] {
  const out: Entry[] = [];
  const tunnelled = !!p.inner;
  headers(p, '', tunnelled ? 'outer' : null, out);
  if (p.tunnel) {
    const title: LayerTitle = { name: TUNNEL_TITLE[p.tunnel.kind], position: null };
    out.push(['tunnel', title, 'tunnel', 'kind', p.tunnel.kind]);
    if (p.tunnel.vni !== undefined) out.push(['tunnel', title, 'tunnel.vni', 'VNI', String(p.tunnel.vni)]);
    out.push(['tunnel', title, 'tunnel.overhead', 'overhead', `${p.tunnel.overhead} B`]);
  }
  headers(p.inner, 'inner.', 'inner', out);
  const meta: LayerTitle = { name: 'meta', position: null };
  out.push(['meta', meta, 'meta.ctstate', 'ct state', p.meta.ctstate === 'NONE' ? UNTRACKED : `${p.meta.ctstate} · ${p.meta.ctdir.toLowerCase()}`]);
  out.push(['meta', meta, 'meta.ctnat', 'ct NAT', p.meta.ctnat.length ? p.meta.ctnat.join(', ') : '—']);
  out.push(['meta', meta, 'meta.mark', 'mark', `0x${p.meta.mark.toString(16)}`]);
  out.push(['meta', meta, 'meta.ctmark', 'ct mark', `0x${p.meta.ctmark.toString(16)}`]);
  out.push(['meta', meta, 'length', 'length', `${p.length} B`]);
  return out;
}

function roleOf(layer: string, tunnelled: boolean): StackLayer['role'] {
  if (layer === 'meta') return 'meta';
  if (layer === 'tunnel') return 'tunnel';
  if (layer.startsWith('inner.')) return 'inner';
  return tunnelled ? 'outer' : 'plain';
}

/** The layers of both packets in a stable order; a layer present on one side only shows "—" on the other. */
export function headerStack(before: Packet, after: Packet): StackLayer[] {
  const a = entries(before);
  const b = entries(after);
  const av = new Map(a.map((e) => [e[2], e[4]]));
  const bv = new Map(b.map((e) => [e[2], e[4]]));
  const tunnelled = !!(before.inner || after.inner);
  // Order: the after packet's layout, then anything only the before packet had (a decap's outer headers).
  const order: Entry[] = [...b, ...a.filter((e) => !bv.has(e[2]))];
  const layers = new Map<string, StackLayer>();
  for (const [layer, title, field, label] of order) {
    let l = layers.get(layer);
    if (!l) layers.set(layer, (l = { id: layer, title, role: roleOf(layer, tunnelled), fields: [] }));
    const x = av.get(field) ?? '—';
    const y = bv.get(field) ?? '—';
    l.fields.push({ field, label, before: x, after: y, changed: x !== y });
  }
  const all = [...layers.values()];
  // Metadata last; the removed outer layers of a decap stay at the top where they were.
  return [...all.filter((l) => l.role !== 'meta'), ...all.filter((l) => l.role === 'meta')];
}
