/**
 * Membership tests as the kernel's set types do them: each dimension of the type (`ip`,
 * `port`, `net`, ...) is compared with the packet field the match's flags name.
 */
import { inNet, parseIpv4, parseIpv4Net } from '../../net/ipv4';
import type { Ipset, IpsetMember } from './types';

/** One value taken from the packet for one dimension: an address, or a protocol and port. */
export type SetKey = { kind: 'addr'; ip: string } | { kind: 'port'; proto: number; port: number };

const PROTO_NAMES: Record<string, number> = { tcp: 6, udp: 17, sctp: 132, icmp: 1 };

function portMatches(part: string, key: SetKey, defaultProto: number | null): boolean {
  if (key.kind !== 'port') return false;
  const colon = part.indexOf(':');
  const protoText = colon < 0 ? null : part.slice(0, colon);
  const port = Number(colon < 0 ? part : part.slice(colon + 1));
  const proto = protoText === null ? defaultProto : /^\d+$/.test(protoText) ? Number(protoText) : PROTO_NAMES[protoText] ?? -1;
  return port === key.port && (proto === null || proto === key.proto);
}

function addrMatches(part: string, key: SetKey, isNet: boolean): boolean {
  if (key.kind !== 'addr') return false;
  const ip = parseIpv4(key.ip);
  if (ip === null) return false;
  if (isNet || part.includes('/')) {
    const net = parseIpv4Net(part);
    return net !== null && inNet(ip, net);
  }
  if (part.includes('-')) {
    const [lo, hi] = part.split('-').map(parseIpv4);
    return lo != null && hi != null && ip >= lo && ip <= hi;
  }
  return parseIpv4(part) === ip;
}

/** The packet fields a set match can look at. */
export interface SetPacket {
  proto: number;
  src: string;
  dst: string;
  sport: number;
  dport: number;
}

/**
 * The keys for each dimension of the set's type: the match's flags (`dst,dst`) say which side
 * of the packet each dimension reads; the dimension says whether that is an address or a port.
 */
export function keysFor(set: Ipset, flags: string[], p: SetPacket): SetKey[] {
  const dims = set.type.split(':')[1]?.split(',') ?? [];
  return dims.map((dim, i) => {
    const src = (flags[i] ?? flags[flags.length - 1] ?? 'src') === 'src';
    return dim === 'port' ? { kind: 'port', proto: p.proto, port: src ? p.sport : p.dport } : { kind: 'addr', ip: src ? p.src : p.dst };
  });
}

function memberMatches(set: Ipset, m: IpsetMember, keys: SetKey[]): boolean {
  const dims = set.type.split(':')[1]?.split(',') ?? [];
  // bitmap:port members carry no protocol: kube-proxy keeps one set per protocol.
  const bareProto = set.type === 'bitmap:port' ? null : 6;
  return dims.every((dim, i) => {
    const part = m.parts[i];
    const key = keys[i];
    if (part === undefined || key === undefined) return false;
    if (dim === 'port') return portMatches(part, key, bareProto);
    if (dim === 'ip' || dim === 'net') return addrMatches(part, key, dim === 'net');
    return false; // mac, iface, mark: not simulated; see setDimensionsSupported
  });
}

export function setDimensionsSupported(set: Ipset): boolean {
  return (set.type.split(':')[1]?.split(',') ?? []).every((d) => d === 'ip' || d === 'net' || d === 'port');
}

export function setContains(set: Ipset, flags: string[], p: SetPacket): boolean {
  const keys = keysFor(set, flags, p);
  const index = set.members.length >= INDEX_MIN_MEMBERS ? exactIndex(set) : null;
  if (index) {
    const key = packetKey(set, keys);
    return key !== null && index.has(key);
  }
  return scanContains(set, keys);
}

/** The member-by-member test the index stands in for; tests compare the two. */
export function scanContains(set: Ipset, keys: SetKey[]): boolean {
  return set.members.some((m) => memberMatches(set, m, keys));
}

/*
 * kube-proxy's IPVS mode keeps every ClusterIP and NodePort in sets (KUBE-CLUSTER-IP has one
 * member per Service port): a set whose members are all single addresses and ports is looked
 * up by a hash of the packet's key instead of member by member. Sets with a network, a range
 * or an ambiguous protocol are scanned as before.
 */
const INDEX_MIN_MEMBERS = 32;
const indexCache = new WeakMap<Ipset, Set<string> | null>();

/** A member's key, as its dimensions compare: 'never' for a member that matches nothing; null when not exact. */
function memberKey(set: Ipset, m: IpsetMember, dims: string[]): string | null {
  const parts: string[] = [];
  for (let i = 0; i < dims.length; i++) {
    const part = m.parts[i];
    if (part === undefined) return 'never';
    if (dims[i] === 'ip') {
      if (part.includes('/') || part.includes('-')) return null;
      const ip = parseIpv4(part);
      if (ip === null) return 'never';
      parts.push(String(ip));
    } else if (dims[i] === 'port') {
      const colon = part.indexOf(':');
      if (set.type === 'bitmap:port' && colon >= 0) return null;
      const protoText = colon < 0 ? null : part.slice(0, colon);
      const port = Number(colon < 0 ? part : part.slice(colon + 1));
      const proto = protoText === null ? (set.type === 'bitmap:port' ? '*' : '6') : /^\d+$/.test(protoText) ? String(Number(protoText)) : String(PROTO_NAMES[protoText] ?? -1);
      if (!Number.isFinite(port)) return 'never';
      parts.push(`${proto}:${port}`);
    } else return null;
  }
  return parts.join(' ');
}

function exactIndex(set: Ipset): Set<string> | null {
  if (indexCache.has(set)) return indexCache.get(set)!;
  const dims = set.type.split(':')[1]?.split(',') ?? [];
  let index: Set<string> | null = new Set();
  for (const m of set.members) {
    const key = memberKey(set, m, dims);
    if (key === null) {
      index = null;
      break;
    }
    if (key !== 'never') index.add(key);
  }
  indexCache.set(set, index);
  return index;
}

function packetKey(set: Ipset, keys: SetKey[]): string | null {
  const parts: string[] = [];
  for (const key of keys) {
    if (key.kind === 'addr') {
      const ip = parseIpv4(key.ip);
      if (ip === null) return null;
      parts.push(String(ip));
    } else parts.push(`${set.type === 'bitmap:port' ? '*' : key.proto}:${key.port}`);
  }
  return parts.join(' ');
}
