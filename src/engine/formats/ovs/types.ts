/**
 * What `ovs-vsctl show` and `ovs-ofctl dump-flows BRIDGE` parse into.
 */
import type { SourceSpan } from '../../diagnostics';

/**
 * An OVSDB datum as `ovs-vsctl show` prints it (`ovsdb_datum_to_string`): an atom (a string printed
 * bare when it looks like an identifier, else JSON-quoted; integers and booleans bare), a set
 * `[a, b]`, or a map `{k=v, k2="v 2"}`. Atoms are kept as text without their quotes.
 */
export type OvsdbValue =
  | { kind: 'atom'; value: string; quoted: boolean }
  | { kind: 'set'; values: string[] }
  | { kind: 'map'; entries: Record<string, string> };

/** A `Manager "ptcp:6640"` or `Controller "unix:/var/run/openvswitch/br-int.mgmt"` row. */
export interface OvsTarget {
  target: string;
  /** `is_connected: true`; absent when not printed (OVSDB omits the default `false`). */
  isConnected?: boolean;
  attributes: Record<string, OvsdbValue>;
  span: SourceSpan;
}

/** An `Interface NAME` row. */
export interface OvsInterface {
  name: string;
  /** `geneve`, `vxlan`, `patch`, `internal`, `system`, `stt`, `gre`, `dpdk`, ...; `''` when not printed (a system device). */
  type: string;
  /** `options: {...}` (`remote_ip`, `key`, `csum`, `dst_port`, `peer`, ...); `{}` when not printed. */
  options: Record<string, string>;
  /** `error: "could not open network device ..."`: vswitchd could not set the interface up. */
  error?: string;
  /** Every other printed column (`bfd_status`, `mac`, ...). */
  attributes: Record<string, OvsdbValue>;
  span: SourceSpan;
}

/** A `Port NAME` row: one interface, or several for a bond. */
export interface OvsPort {
  name: string;
  /** Access VLAN (`tag: 10`). */
  tag?: number;
  /** Trunked VLANs (`trunks: [10, 20]`). */
  trunks?: number[];
  interfaces: OvsInterface[];
  attributes: Record<string, OvsdbValue>;
  span: SourceSpan;
}

export interface OvsBridge {
  name: string;
  controllers: OvsTarget[];
  /** `secure` (no flows without a controller: OVN's br-int) or `standalone`; absent when not printed. */
  failMode?: string;
  /** `system` (kernel datapath) or `netdev` (userspace); absent when not printed (= system). */
  datapathType?: string;
  ports: OvsPort[];
  attributes: Record<string, OvsdbValue>;
  span: SourceSpan;
}

/** The Open_vSwitch row: everything `ovs-vsctl show` prints. */
export interface OvsConfig {
  /** The first line: the Open_vSwitch row's UUID. */
  uuid?: string;
  managers: OvsTarget[];
  bridges: OvsBridge[];
  /** `ovs_version: "2.15.4"`. */
  ovsVersion?: string;
  /** Other Open_vSwitch columns. */
  attributes: Record<string, OvsdbValue>;
  files: string[];
}

/** One match field of a flow: `nw_dst=10.96.0.0/16`, `in_port="patch-br-ex_rhe"`, or a bare `ip`. */
export interface OvsMatch {
  field: string;
  /** The value without quotes and without `/mask`; absent for bare protocol words (`ip`, `tcp`, `arp`). */
  value?: string;
  /** After `/`: a prefix length (`16`) or a mask (`0xff`, `01:00:00:00:00:00`); never split from quoted values. */
  mask?: string;
  /** True when the value was quoted (port names printed with `--names`). */
  quoted?: boolean;
  span: SourceSpan;
}

/**
 * One action of a flow's action list, with nested arguments parsed into a tree:
 * `ct(commit,table=2,zone=64001,nat(src=169.254.169.2))` → name `ct`, args flag `commit`,
 * params `table`/`zone`, and action `nat` with param `src`.
 */
export interface OvsAction {
  /** `ct`, `output`, `resubmit`, `load`, `move`, `set_field`, `drop`, `NORMAL`, `LOCAL`, ... */
  name: string;
  /** The text after `name:` or between the parentheses, as printed; `''` for bare actions. */
  argText: string;
  /** Parenthesised arguments split at nesting depth 0; empty for `name:arg` and bare actions. */
  args: OvsActionArg[];
  /** Text after the closing parenthesis: `check_pkt_larger(1500)->NXM_NX_REG0[0]` → `->NXM_NX_REG0[0]`. */
  suffix?: string;
  text: string;
  span: SourceSpan;
}

export type OvsActionArg =
  /** A bare word: `commit`, `nat`, `force`, or `''` (the empty first argument of `resubmit(,2)`). */
  | { kind: 'flag'; text: string }
  /** `key=value`: `table=2`, `zone=NXM_NX_REG13[0..15]`, `NXM_OF_ETH_DST[]=NXM_OF_ETH_SRC[]`. */
  | { kind: 'param'; key: string; value: string }
  /** A nested action: `nat(src=...)`, and every item inside `exec(...)`, `clone(...)`, `write_actions(...)`. */
  | { kind: 'action'; action: OvsAction };

/** One flow of `ovs-ofctl dump-flows`. */
export interface OvsFlow {
  /** The bridge, when a pasted `ovs-ofctl dump-flows BRIDGE` command line above the flow names it. */
  bridge?: string;
  /** `table=N`; 0 when not printed. */
  table: number;
  /** `priority=N`; 32768 (OFP_DEFAULT_PRIORITY) when not printed. */
  priority: number;
  /** `cookie=0x...` as printed. */
  cookie?: string;
  durationSeconds?: number;
  packets?: number;
  bytes?: number;
  idleAge?: number;
  hardAge?: number;
  idleTimeout?: number;
  hardTimeout?: number;
  importance?: number;
  /** Flow flags printed among the stats: `send_flow_rem`, `check_overlap`, `reset_counts`, `no_packet_counts`, `no_byte_counts`. */
  flags: string[];
  matches: OvsMatch[];
  actions: OvsAction[];
  /** The text after `actions=`, as printed. */
  actionsText: string;
  text: string;
  span: SourceSpan;
}

/** One port line of `ovs-ofctl show BRIDGE`: ` 1(vxlan0): addr:ba:05:a8:b7:d7:98`. */
export interface OvsOfPort {
  /** The OpenFlow port number; 65534 (OFPP_LOCAL) for `LOCAL(br0)`, the bridge's own port. */
  number: number;
  name: string;
  mac?: string;
  span: SourceSpan;
}

/** `ovs-ofctl show BRIDGE`: which OpenFlow port number each port has (flows name ports by number). */
export interface OvsOfctlShow {
  /** From `LOCAL(br0)`, or a pasted `ovs-ofctl show br0` command line. */
  bridge?: string;
  ports: OvsOfPort[];
}
