/** What `bridge fdb show` parses into. */
import type { SourceSpan } from '../../diagnostics';

/** `state_n2a`: NUD_PERMANENT → `permanent`, NUD_NOARP → `static`, NUD_STALE → `stale`, nothing printed → `dynamic`. */
export type FdbState = 'permanent' | 'static' | 'stale' | 'dynamic';

/**
 * One forwarding-database entry. Field names match `FdbEntry` in `model/types.ts`
 * (`mac`, `dev`, `dst?`, `master?`, `span`); the rest is extra detail.
 */
export interface FdbEntry {
  /** Lower-cased MAC. */
  mac: string;
  /** The port (bridge port, or the VXLAN device itself); `''` when filtered with `dev` and no prompt said which. */
  dev: string;
  /** VXLAN remote (VTEP) address: dotted IPv4, or IPv6 text as printed. */
  dst?: string;
  vlan?: number;
  /** VXLAN destination UDP port. */
  port?: number;
  vni?: number;
  srcVni?: number;
  /** VXLAN `via IF`: the device used to reach `dst`. */
  via?: string;
  nhid?: number;
  /** The bridge the port belongs to (`master cni0`). */
  master?: string;
  /** `self`: the entry is the device's own (VXLAN remotes, multicast filters), not the bridge's. */
  self: boolean;
  router: boolean;
  externLearn: boolean;
  offload: boolean;
  sticky: boolean;
  state: FdbState;
  /** `00:00:00:00:00:00` on a VXLAN device: a default (flood) destination, one per remote. */
  isDefault: boolean;
  span: SourceSpan;
}

export interface FdbTable {
  entries: FdbEntry[];
  files: string[];
}
