/** What `ip addr` / `ip -d link show` / `ip -br addr` parse into. */
import type { SourceSpan } from '../../diagnostics';

export type LinkKind =
  | 'loopback' | 'ethernet' | 'veth' | 'bridge' | 'vxlan' | 'geneve' | 'ipip' | 'dummy'
  | 'tun' | 'openvswitch' | 'unknown';

export interface LinkAddress {
  family: 'inet' | 'inet6';
  /** Address text without prefix, e.g. "10.244.1.1". */
  address: string;
  prefix: number;
  peer?: string;
  broadcast?: string;
  scope: string; // global, link, host
  label?: string;
  secondary: boolean;
  span: SourceSpan;
}

export interface VxlanInfo {
  id: number;
  local?: string;
  remote?: string;
  group?: string;
  dev?: string;
  dstport: number;
}

export interface Link {
  index: number;
  /** `sequential`: the dump printed no index (ifconfig, `ip -br`); the parser numbered links in order. */
  indexSource?: 'dump' | 'sequential';
  name: string;
  /** From `NAME@PEER`: `ifN` gives the peer's index in another namespace; a name, in this one; NONE → null. */
  peer?: { ifindex?: number; name?: string };
  flags: string[];
  mtu: number;
  master?: string;
  state: string;
  mac?: string;
  /** `link-netnsid N` or `link-netns NAME`: where the veth peer lives. */
  linkNetns?: { id?: number; name?: string };
  /** From `-d`: the kind's detail line; otherwise inferred from name and flags (see `kindSource`). */
  kind: LinkKind;
  kindSource: 'detail' | 'inferred';
  vxlan?: VxlanInfo;
  /** From `ip -d`'s `bridge_slave` line of a bridge port. */
  bridgePort?: { hairpin: boolean };
  addresses: LinkAddress[];
  span: SourceSpan;
}

export interface LinkTable {
  links: Link[];
  files: string[];
}
