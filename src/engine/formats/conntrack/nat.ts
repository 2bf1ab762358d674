/**
 * What NAT a conntrack entry records. The kernel stores the reply tuple as the reply will
 * really look: after DNAT it comes from the new destination, after SNAT it goes to the new
 * source. So comparing the reply with the inverted original tells both rewrites apart.
 */
import type { ConntrackEntry, ConntrackTuple } from './types';

export interface NatEndpoint {
  addr: string;
  /** The port (or ICMP id) after NAT, when the protocol has one. */
  port?: number;
}

export interface ConntrackNat {
  /** The destination was rewritten: `reply.src ≠ orig.dst` (or, for REDIRECT-like port changes, `reply.sport ≠ orig.dport`). */
  dnat: boolean;
  /** The source was rewritten: `reply.dst ≠ orig.src` (or the source port was remapped: `reply.dport ≠ orig.sport`). */
  snat: boolean;
  /** Where the flow really goes (the original destination after DNAT): `reply.src[:sport]`. */
  dnatTo?: NatEndpoint;
  /** What the source became after SNAT/MASQUERADE: `reply.dst[:dport]`. */
  snatTo?: NatEndpoint;
}

function endpoint(addr: string, port: number | undefined): NatEndpoint {
  return port === undefined ? { addr } : { addr, port };
}

// ICMP echo ids live in the tuple's `id`; NAT may remap them like a port, in both directions.
function srcPort(t: ConntrackTuple): number | undefined {
  return t.sport ?? t.id;
}

function dstPort(t: ConntrackTuple): number | undefined {
  return t.dport ?? t.id;
}

/**
 * Whether an entry implies DNAT and/or SNAT, and the rewritten endpoints.
 *
 * @example
 * // A pod reaching the kubernetes service, DNAT'd to the API server:
 * conntrackNat(entry); // { dnat: true, snat: false, dnatTo: { addr: '172.18.0.2', port: 6443 } }
 */
export function conntrackNat(entry: ConntrackEntry): ConntrackNat {
  const { orig, reply } = entry;
  const icmp = orig.type !== undefined;
  // For ICMP the id is one value on both sides, so a changed id is a source remap, not DNAT.
  const dnat = reply.src !== orig.dst || (!icmp && reply.sport !== orig.dport);
  const snat = reply.dst !== orig.src || (icmp ? reply.id !== orig.id : reply.dport !== orig.sport);
  const nat: ConntrackNat = { dnat, snat };
  if (dnat) nat.dnatTo = endpoint(reply.src, icmp ? undefined : srcPort(reply));
  if (snat) nat.snatTo = endpoint(reply.dst, dstPort(reply));
  return nat;
}

/** True when the entry records any NAT. @example isNatted(entry); // true for a service flow */
export function isNatted(entry: ConntrackEntry): boolean {
  const n = conntrackNat(entry);
  return n.dnat || n.snat;
}
