/**
 * What a match needs to know besides the rule: the packet, the interfaces it came in on and
 * will leave by, and questions only the namespace can answer (is this address local?).
 */
import type { Msg } from '../explain/message';
import type { Hook } from '../trace/types';
import type { Packet } from '../trace/packet';

/** `addrtype` types, as the kernel's route lookup classifies an address. */
export type AddrType =
  | 'UNSPEC' | 'UNICAST' | 'LOCAL' | 'BROADCAST' | 'ANYCAST' | 'MULTICAST'
  | 'BLACKHOLE' | 'UNREACHABLE' | 'PROHIBIT' | 'THROW' | 'NAT' | 'XRESOLVE';

export interface MatchContext {
  packet: Packet;
  hook: Hook;
  /** Input interface; null in OUTPUT (and so in POSTROUTING for local traffic). */
  iif: string | null;
  /** Output interface; null in PREROUTING and INPUT. */
  oif: string | null;
  /** Classifies an address; `iface` restricts to routes via that interface (`--limit-iface-*`). */
  addrType(ip: string, iface?: string): AddrType;
  /** For frames a bridge forwards (br_netfilter): its ports, which `-m physdev` tests. */
  bridged?: { inPort: string; outPort?: string };
  /** True when no dump gave this namespace's addresses: `addrType` then only knows loopback and multicast. */
  addressesUnknown?: boolean;
  /** Membership of the packet in an ipset, read through the match's flags (`dst,dst`); null when no `ipset` dump says. */
  inSet(name: string, flags: string[]): boolean | null;
  /** The random pick for a `statistic --mode random` rule: true if this rule is the chosen branch. */
  randomPick(ruleId: string): boolean;
}

/**
 * The outcome of one match: `ok` is what the rule sees. When `assumed` is set the simulator could
 * not know and took `ok` as an explicit assumption, which the trace shows.
 */
export interface MatchResult {
  ok: boolean;
  /** Why it failed (or, with `assumed`, what was assumed). */
  reason?: Msg;
  assumed?: Msg;
}

export const PASS: MatchResult = { ok: true };
