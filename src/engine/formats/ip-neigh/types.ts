/** What `ip neigh` parses into. */
import type { SourceSpan } from '../../diagnostics';

/**
 * One neighbour (ARP) entry. Field names match `NeighEntry` in `model/types.ts`
 * (`ip`, `dev`, `mac?`, `state`, `span`); the rest is extra detail.
 */
export interface NeighEntry {
  /** The neighbour's IPv4 address, dotted (`10.244.1.0`). */
  ip: string;
  /** The device; `''` when neither the line nor the pasted prompt (`ip neigh show dev eth0`) named one. */
  dev: string;
  /** `lladdr`, lower-cased (`9e:01:3d:09:66:39`); absent for FAILED/INCOMPLETE entries. On ipip/gre
   * devices the link-layer address is an IPv4 address and is kept as printed. */
  mac?: string;
  /** The first NUD state (`REACHABLE`, `STALE`, `PERMANENT`, `FAILED`, ...); `''` when none is printed. */
  state: string;
  /** Every NUD state word printed (the kernel may set several bits). */
  states: string[];
  router: boolean;
  proxy: boolean;
  externLearn: boolean;
  span: SourceSpan;
}

export interface NeighTable {
  entries: NeighEntry[];
  files: string[];
}
