/**
 * The OpenFlow view of a packet while it crosses an OVS bridge: every field a flow can match or
 * an action can set, by one canonical name, as an unsigned integer (bigint: MACs are 48 bits,
 * metadata 64, ct_label 128). Field names follow `ovs-fields(7)`: the `ovs-ofctl` spelling
 * (`nw_dst`, `reg0`, `tun_dst`) and the NXM/OXM spelling (`NXM_OF_IP_DST`, `NXM_NX_REG0`,
 * `OXM_OF_METADATA`) name the same field.
 */
import { formatIpv4, parseIpv4 } from '../../net/ipv4';

export interface FieldDef {
  name: string;
  bits: number;
  kind: 'int' | 'ipv4' | 'mac';
}

const DEFS: FieldDef[] = [
  { name: 'in_port', bits: 32, kind: 'int' },
  { name: 'dl_src', bits: 48, kind: 'mac' },
  { name: 'dl_dst', bits: 48, kind: 'mac' },
  { name: 'dl_type', bits: 16, kind: 'int' },
  { name: 'dl_vlan', bits: 12, kind: 'int' },
  { name: 'vlan_tci', bits: 16, kind: 'int' },
  { name: 'nw_src', bits: 32, kind: 'ipv4' },
  { name: 'nw_dst', bits: 32, kind: 'ipv4' },
  { name: 'nw_proto', bits: 8, kind: 'int' },
  { name: 'nw_ttl', bits: 8, kind: 'int' },
  { name: 'nw_tos', bits: 8, kind: 'int' },
  { name: 'nw_frag', bits: 8, kind: 'int' },
  { name: 'tp_src', bits: 16, kind: 'int' },
  { name: 'tp_dst', bits: 16, kind: 'int' },
  { name: 'arp_spa', bits: 32, kind: 'ipv4' },
  { name: 'arp_tpa', bits: 32, kind: 'ipv4' },
  { name: 'arp_op', bits: 16, kind: 'int' },
  { name: 'metadata', bits: 64, kind: 'int' },
  { name: 'tun_id', bits: 64, kind: 'int' },
  { name: 'tun_src', bits: 32, kind: 'ipv4' },
  { name: 'tun_dst', bits: 32, kind: 'ipv4' },
  { name: 'pkt_mark', bits: 32, kind: 'int' },
  { name: 'ct_state', bits: 32, kind: 'int' },
  { name: 'ct_zone', bits: 16, kind: 'int' },
  { name: 'ct_mark', bits: 32, kind: 'int' },
  { name: 'ct_label', bits: 128, kind: 'int' },
  ...Array.from({ length: 16 }, (_, i): FieldDef => ({ name: `reg${i}`, bits: 32, kind: 'int' })),
  ...Array.from({ length: 8 }, (_, i): FieldDef => ({ name: `xreg${i}`, bits: 64, kind: 'int' })),
  ...Array.from({ length: 8 }, (_, i): FieldDef => ({ name: `tun_metadata${i}`, bits: 128, kind: 'int' })),
];
const BY_NAME = new Map(DEFS.map((d) => [d.name, d]));

/** Other spellings of the same field: ovs-ofctl synonyms, NXM and OXM names. */
const ALIASES: Record<string, string> = {
  eth_src: 'dl_src', eth_dst: 'dl_dst', eth_type: 'dl_type', NXM_OF_ETH_SRC: 'dl_src', NXM_OF_ETH_DST: 'dl_dst', NXM_OF_ETH_TYPE: 'dl_type',
  OXM_OF_ETH_SRC: 'dl_src', OXM_OF_ETH_DST: 'dl_dst', OXM_OF_ETH_TYPE: 'dl_type', NXM_OF_VLAN_TCI: 'vlan_tci',
  ip_src: 'nw_src', ip_dst: 'nw_dst', NXM_OF_IP_SRC: 'nw_src', NXM_OF_IP_DST: 'nw_dst', OXM_OF_IPV4_SRC: 'nw_src', OXM_OF_IPV4_DST: 'nw_dst',
  ip_proto: 'nw_proto', NXM_OF_IP_PROTO: 'nw_proto', OXM_OF_IP_PROTO: 'nw_proto', NXM_NX_IP_TTL: 'nw_ttl', NXM_OF_IP_TOS: 'nw_tos',
  tcp_src: 'tp_src', tcp_dst: 'tp_dst', udp_src: 'tp_src', udp_dst: 'tp_dst', sctp_src: 'tp_src', sctp_dst: 'tp_dst',
  NXM_OF_TCP_SRC: 'tp_src', NXM_OF_TCP_DST: 'tp_dst', NXM_OF_UDP_SRC: 'tp_src', NXM_OF_UDP_DST: 'tp_dst',
  OXM_OF_TCP_SRC: 'tp_src', OXM_OF_TCP_DST: 'tp_dst', OXM_OF_UDP_SRC: 'tp_src', OXM_OF_UDP_DST: 'tp_dst',
  NXM_OF_ARP_SPA: 'arp_spa', NXM_OF_ARP_TPA: 'arp_tpa', NXM_OF_ARP_OP: 'arp_op',
  OXM_OF_METADATA: 'metadata', NXM_NX_TUN_ID: 'tun_id', tunnel_id: 'tun_id', OXM_OF_TUNNEL_ID: 'tun_id',
  NXM_NX_TUN_IPV4_SRC: 'tun_src', NXM_NX_TUN_IPV4_DST: 'tun_dst', NXM_NX_PKT_MARK: 'pkt_mark',
  NXM_NX_CT_STATE: 'ct_state', NXM_NX_CT_ZONE: 'ct_zone', NXM_NX_CT_MARK: 'ct_mark', NXM_NX_CT_LABEL: 'ct_label',
  NXM_OF_IN_PORT: 'in_port', OXM_OF_IN_PORT: 'in_port',
};
for (let i = 0; i < 16; i++) ALIASES[`NXM_NX_REG${i}`] = `reg${i}`;
for (let i = 0; i < 8; i++) {
  ALIASES[`NXM_NX_XXREG${i}`] = `xreg${i}`;
  ALIASES[`OXM_OF_PKT_REG${i}`] = `xreg${i}`;
  ALIASES[`NXM_NX_TUN_METADATA${i}`] = `tun_metadata${i}`;
}

/** The field `name` refers to, in any spelling; undefined for a field not modelled. */
export function fieldDef(name: string): FieldDef | undefined {
  return BY_NAME.get(ALIASES[name] ?? name);
}

export function maskOf(bits: number): bigint {
  return (1n << BigInt(bits)) - 1n;
}

/** A field's value written in a flow: decimal, 0x hex, a dotted IPv4 address or a MAC; null when unreadable. */
export function parseFieldValue(text: string, def: FieldDef): bigint | null {
  if (/^0x[0-9a-f]+$/i.test(text)) return BigInt(text);
  if (/^\d+$/.test(text)) return BigInt(text);
  if (def.kind === 'ipv4' || text.includes('.')) {
    const ip = parseIpv4(text);
    return ip === null ? null : BigInt(ip >>> 0);
  }
  if (/^[0-9a-f]{1,2}(:[0-9a-f]{1,2}){5}$/i.test(text)) return BigInt(`0x${text.split(':').map((b) => b.padStart(2, '0')).join('')}`);
  return null;
}

/** A mask after `/`: a prefix length for addresses (`/16`), else a number or MAC (`/0xff`, `/01:00:00:00:00:00`). */
export function parseFieldMask(text: string, def: FieldDef): bigint | null {
  if (/^\d+$/.test(text) && def.kind === 'ipv4') {
    const len = Number(text);
    return len > def.bits ? null : (maskOf(len) << BigInt(def.bits - len)) & maskOf(def.bits);
  }
  return parseFieldValue(text, def);
}

export function formatField(def: FieldDef, value: bigint): string {
  if (def.kind === 'ipv4') return formatIpv4(Number(value & 0xffffffffn));
  if (def.kind === 'mac') return [40n, 32n, 24n, 16n, 8n, 0n].map((s) => ((value >> s) & 255n).toString(16).padStart(2, '0')).join(':');
  return `0x${value.toString(16)}`;
}

/** ct_state flag bits (`ovs-fields(7)`). */
export const CT_STATE_BITS: Record<string, bigint> = { new: 0x01n, est: 0x02n, rel: 0x04n, rpl: 0x08n, inv: 0x10n, trk: 0x20n, snat: 0x40n, dnat: 0x80n };

/** `NXM_NX_REG0[]`, `NXM_NX_REG10[7]`, `NXM_NX_TUN_ID[0..23]`, `reg0`: the field and its bit range. */
export interface FieldRef {
  def: FieldDef;
  /** Lowest bit of the range. */
  ofs: number;
  bits: number;
}

export function parseFieldRef(text: string): FieldRef | null {
  const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:\[(?:(\d+)(?:\.\.(\d+))?)?\])?$/.exec(text.trim());
  if (!m) return null;
  const def = fieldDef(m[1]!);
  if (!def) return null;
  if (m[2] === undefined) return { def, ofs: 0, bits: def.bits };
  const lo = Number(m[2]);
  const hi = m[3] === undefined ? lo : Number(m[3]);
  if (hi < lo || hi >= def.bits) return null;
  return { def, ofs: lo, bits: hi - lo + 1 };
}

export function readRef(fields: Map<string, bigint>, ref: FieldRef): bigint {
  return ((fields.get(ref.def.name) ?? 0n) >> BigInt(ref.ofs)) & maskOf(ref.bits);
}

export function writeRef(fields: Map<string, bigint>, ref: FieldRef, value: bigint): void {
  const mask = maskOf(ref.bits) << BigInt(ref.ofs);
  const old = fields.get(ref.def.name) ?? 0n;
  fields.set(ref.def.name, (old & ~mask) | ((value << BigInt(ref.ofs)) & mask));
}
