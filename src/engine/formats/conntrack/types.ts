/** What `conntrack -L` and `/proc/net/nf_conntrack` parse into. */
import type { SourceSpan } from '../../diagnostics';

/** One direction of a connection, as the kernel keys it. Addresses are dotted IPv4. */
export interface ConntrackTuple {
  src: string;
  dst: string;
  /** TCP, UDP, SCTP, DCCP, UDP-Lite ports. */
  sport?: number;
  dport?: number;
  /** ICMP `type=`, `code=`, `id=` (the echo identifier, which NAT may rewrite like a port). */
  type?: number;
  code?: number;
  id?: number;
  /** `-o extended` / accounting counters when enabled. */
  packets?: number;
  bytes?: number;
  /** `zone-orig=` / `zone-reply=` (directional zones). */
  zone?: number;
}

export type ConntrackEvent = 'NEW' | 'UPDATE' | 'DESTROY';

export interface ConntrackEntry {
  /** `conntrack -E` lines start with `[NEW]`, `[UPDATE]` or `[DESTROY]`. */
  event?: ConntrackEvent;
  /** The protocol name as printed: `tcp`, `udp`, `icmp`, `sctp`, `gre`, `unknown`, ... */
  proto: string;
  protonum: number;
  /** Seconds left; null when not printed (`[DESTROY]` events). */
  timeout: number | null;
  /** The protocol state (`ESTABLISHED`, `TIME_WAIT`, `SYN_SENT`, ...): TCP, SCTP, DCCP only. */
  state?: string;
  /** The original direction: what the first packet looked like before any NAT. */
  orig: ConntrackTuple;
  /** The reply direction: what a reply looks like. NAT shows up here (see `nat.ts`). */
  reply: ConntrackTuple;
  /** `UNREPLIED`, `ASSURED`, `OFFLOAD`, `HW_OFFLOAD`: the bracketed words, without brackets. */
  flags: string[];
  /** The connection mark (`mark=`, decimal as printed). */
  mark?: number;
  /** `zone=`: the conntrack zone (OVN and OVS use them per logical switch/router). */
  zone?: number;
  use?: number;
  /** `-o id`: the kernel's id for the entry. */
  id?: number;
  helper?: string;
  secctx?: string;
  span: SourceSpan;
}

export interface ConntrackDump {
  entries: ConntrackEntry[];
  /** The count `conntrack -L` printed on stderr, when that line was pasted along. */
  shown?: number;
  files: string[];
}
