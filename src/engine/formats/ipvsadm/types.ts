/**
 * What `ipvsadm -Ln` (and its `--stats`, `--rate`, `--thresholds`, `--persistent-conn` variants)
 * and `ipvsadm-save -n` / `ipvsadm -Sn` parse into: the IPVS virtual-server table of one node.
 */
import type { SourceSpan } from '../../diagnostics';

/** The transport a virtual service listens on; fwmark services have none (they match a mark). */
export type IpvsProtocol = 'tcp' | 'udp' | 'sctp';

/**
 * How IPVS hands a connection to a real server (`ip_vs_conn` forwarding flags):
 * `masq` = NAT (kube-proxy always uses it), `route` = direct routing (`-g`), `tunnel` = IP-in-IP (`-i`),
 * `local` = the real server is this host, `fullnat` = the FNAT of the Alibaba/DPVS forks.
 * `ipvsadm-save` prints `-g` for both `route` and `local`; those parse as `route`.
 */
export type IpvsForwardMethod = 'masq' | 'route' | 'tunnel' | 'local' | 'fullnat';

/** Which `ipvsadm` listing a line came from; decides what the number columns mean. */
export type IpvsListing = 'list' | 'stats' | 'rate' | 'thresholds' | 'persistent-conn' | 'save';

/**
 * `--stats` counters (Conns InPkts OutPkts InBytes OutBytes) or `--rate` values (CPS InPPS OutPPS
 * InBPS OutBPS). Without `--exact`, ipvsadm prints values of 100 million and more as `123456K`,
 * `1234M`, `123G`, `12T` (integer division); they are multiplied back, and `approximate` is true.
 */
export interface IpvsCounters {
  values: [number, number, number, number, number];
  approximate: boolean;
}

/** One `  -> RemoteAddress:Port ...` line, or one `-a ... -r ...` line of ipvsadm-save. */
export interface IpvsRealServer {
  /** Dotted IPv4 or IPv6 text without brackets (`10.244.1.5`, `fd00::5`). */
  ip: string;
  family: 'ipv4' | 'ipv6';
  port: number;
  /** Null when the column is missing (`--stats`/`--rate` listings) or not understood (see `methodText`). */
  method: IpvsForwardMethod | null;
  /** The forwarding column or switch as printed (`Masq`, `-m`); absent when there was none. */
  methodText?: string;
  /** Null when the listing has no weight column (`--stats`, `--rate`, `--thresholds`). */
  weight: number | null;
  activeConn?: number;
  inactConn?: number;
  persistConn?: number;
  upperThreshold?: number;
  lowerThreshold?: number;
  stats?: IpvsCounters;
  rates?: IpvsCounters;
  span: SourceSpan;
}

/** A virtual service: `TCP  10.96.0.1:443 rr persistent 10800`, `FWM  1 rr`, `-A -u [fd00::a]:53 -s rr`. */
export interface IpvsService {
  /** Null for fwmark services. */
  protocol: IpvsProtocol | null;
  /** The virtual IP (no brackets); null for fwmark services. */
  vip: string | null;
  family: 'ipv4' | 'ipv6';
  /** Null for fwmark services. */
  port: number | null;
  /** Set for `FWM  N` / `-f N` services, which match packets carrying this firewall mark. */
  fwmark?: number;
  /** `rr`, `wrr`, `lc`, `wlc`, `lblc`, `lblcr`, `dh`, `sh`, `sed`, `nq`, `mh`, `fo`, `ovf`, `twos`, ... */
  scheduler: string;
  /** Scheduler flags (`sh-fallback`, `sh-port`, `mh-port`, ...), from `(a,b)` or `-b a,b`. */
  schedulerFlags: string[];
  /** Client affinity: `persistent T [mask M]` / `-p T [-M M]`; null when not persistent. */
  persistence: { timeoutSeconds: number; netmask?: string } | null;
  /** Persistence engine (`pe sip`). */
  persistenceEngine?: string;
  /** One-packet scheduling (`ops`): every UDP datagram is scheduled on its own. */
  onePacket: boolean;
  /** Any other word after the scheduler, kept as printed (an info diagnostic notes each). */
  flags: string[];
  realServers: IpvsRealServer[];
  stats?: IpvsCounters;
  rates?: IpvsCounters;
  span: SourceSpan;
}

export interface IpvsTable {
  /** From `IP Virtual Server version 1.2.1 (size=4096)`. */
  version?: string;
  /** The connection hash table size from the same line. */
  tableSize?: number;
  /** `ipvsadm -L --timeout`: `Timeout (tcp tcpfin udp): 900 120 300`. */
  timeouts?: { tcp: number; tcpFin: number; udp: number };
  services: IpvsService[];
  /** Which listings the text contained, in order of first appearance. */
  listings: IpvsListing[];
  /** How many `-Lnc` connection entries were skipped. */
  connectionsSkipped: number;
  files: string[];
}
