/**
 * The packet as rows of a before/after table. Field ids follow the engine's dotted paths
 * (`ip.dst`, `l4.dport`, `meta.mark`), so a row can be matched to a `modify` change.
 */
import type { Packet } from '../../engine';

export interface FieldRow {
  field: string;
  group: string;
  label: string;
  before: string;
  after: string;
  changed: boolean;
}

const PROTOCOLS: Record<number, string> = { 1: 'icmp', 6: 'tcp', 17: 'udp', 132: 'sctp' };

type Entry = [field: string, group: string, label: string, value: string];

function entries(p: Packet): Entry[] {
  const l4 = (PROTOCOLS[p.ip.proto] ?? 'L4').toUpperCase();
  const out: Entry[] = [];
  if (p.eth) out.push(['eth.src', 'Ethernet', 'src MAC', p.eth.src], ['eth.dst', 'Ethernet', 'dst MAC', p.eth.dst]);
  out.push(
    ['ip.src', 'IP', 'src', p.ip.src],
    ['ip.dst', 'IP', 'dst', p.ip.dst],
    ['ip.proto', 'IP', 'proto', PROTOCOLS[p.ip.proto] ?? String(p.ip.proto)],
    ['ip.ttl', 'IP', 'TTL', String(p.ip.ttl)],
  );
  if (p.l4) {
    out.push(['l4.sport', l4, 'sport', String(p.l4.sport)], ['l4.dport', l4, 'dport', String(p.l4.dport)]);
    if (p.l4.flags) out.push(['l4.flags', l4, 'flags', p.l4.flags]);
  }
  out.push(
    ['meta.mark', 'Meta', 'mark', `0x${p.meta.mark.toString(16)}`],
    // NONE: this namespace's conntrack has not seen the packet; a direction would mean nothing yet.
    ['meta.ctstate', 'Meta', 'ct state', p.meta.ctstate === 'NONE' ? 'not tracked here yet' : `${p.meta.ctstate} · ${p.meta.ctdir.toLowerCase()}`],
  );
  if (p.meta.ctnat.length) out.push(['meta.ctnat', 'Meta', 'ct NAT', p.meta.ctnat.join(', ')]);
  return out;
}

/** Rows of both packets in a stable order; a field present on one side only shows "—" on the other. */
export function packetRows(before: Packet, after: Packet): FieldRow[] {
  const a = new Map(entries(before).map((e) => [e[0], e]));
  const b = new Map(entries(after).map((e) => [e[0], e]));
  const order = [...new Set([...a.keys(), ...b.keys()])];
  return order.map((field) => {
    const [, group, label] = (b.get(field) ?? a.get(field))!;
    const x = a.get(field)?.[3] ?? '—';
    const y = b.get(field)?.[3] ?? '—';
    return { field, group, label, before: x, after: y, changed: x !== y };
  });
}
