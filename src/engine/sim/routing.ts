/**
 * Route lookup as Linux does it: policy rules in priority order (by default local, main,
 * default), longest prefix match within a table, lowest metric among equals. Without a dump of
 * the local table, its routes are derived from the interface addresses, as the kernel adds them.
 */
import type { Route } from '../formats/ip-route/types';
import { inNet, parseIpv4, parseIpv4Net, prefixToMask, type Ipv4 } from '../net/ipv4';
import type { Netns } from '../model/types';
import type { AddrType } from '../netfilter/context';

export interface RouteDecision {
  kind: 'local' | 'unicast' | 'blackhole' | 'unreachable' | 'prohibit' | 'none' | 'broadcast';
  /** True when the namespace's dumps say nothing about interfaces or routes: the decision is assumed. */
  assumed?: boolean;
  route: Route | null;
  table: string;
  dev?: string;
  via?: string;
  /** Preferred source address for packets this host originates on this route. */
  src?: string;
  /** Multipath routes: every nexthop, to be shown as branches. */
  nexthops?: Route['nexthops'];
}

/** Routes of the local table: from the dump, or derived from the interface addresses. */
export function localRoutes(ns: Netns): Route[] {
  if (ns.hasLocalTable) return ns.routes.filter((r) => r.table === 'local');
  const derived: Route[] = [];
  for (const link of ns.links) {
    for (const a of link.addresses) {
      if (a.family !== 'inet') continue;
      const net = parseIpv4Net(a.address, 32);
      if (!net) continue;
      const isLoopback = link.kind === 'loopback';
      const dst = isLoopback ? parseIpv4Net(`${a.address}/${a.prefix}`)! : net;
      derived.push({ type: 'local', dst, dstText: a.address, table: 'local', dev: link.name, src: a.address, metric: 0, onlink: false, nexthops: [], span: a.span, scope: 'host' });
    }
  }
  return derived;
}

/** Connected routes a namespace has for its addresses, used when no route dump was given. */
export function connectedRoutes(ns: Netns): Route[] {
  const out: Route[] = [];
  for (const link of ns.links) {
    if (link.kind === 'loopback') continue;
    for (const a of link.addresses) {
      if (a.family !== 'inet' || a.prefix >= 32) continue;
      const dst = parseIpv4Net(`${a.address}/${a.prefix}`);
      if (dst) out.push({ type: 'unicast', dst, dstText: `${a.address}/${a.prefix}`, table: 'main', dev: link.name, src: a.address, proto: 'kernel', scope: 'link', metric: 0, onlink: false, nexthops: [], span: a.span });
    }
  }
  return out;
}

/** The route a lookup picks: longest prefix, then lowest metric, then the first listed. */
export function scanBest(routes: Route[], ip: Ipv4, dev?: string): Route | null {
  let winner: Route | null = null;
  for (const r of routes) {
    if (!inNet(ip, r.dst)) continue;
    if (dev && r.dev !== undefined && r.dev !== dev) continue;
    if (!winner) {
      winner = r;
      continue;
    }
    const a = r.dst.prefix ?? 0;
    const b = winner.dst.prefix ?? 0;
    if (a > b || (a === b && r.metric < winner.metric)) winner = r;
  }
  return winner;
}

/*
 * kube-proxy's IPVS mode puts every ClusterIP on kube-ipvs0, so the local table holds tens of
 * thousands of /32 routes: those are found by address. A /32 that holds the address beats
 * every shorter prefix, so the other routes are only scanned when no /32 matches.
 */
const hostIndex = new WeakMap<Route[], { host: Map<number, Route[]>; others: Route[] }>();

export function best(routes: Route[], ip: Ipv4, dev?: string): Route | null {
  if (routes.length < 64) return scanBest(routes, ip, dev);
  let index = hostIndex.get(routes);
  if (!index) {
    index = { host: new Map(), others: [] };
    for (const r of routes) {
      if (r.dst.prefix === 32 && r.dst.mask >>> 0 === 0xffffffff) {
        const key = r.dst.addr >>> 0;
        const list = index.host.get(key);
        if (list) list.push(r);
        else index.host.set(key, [r]);
      } else index.others.push(r);
    }
    hostIndex.set(routes, index);
  }
  const hosts = index.host.get(ip >>> 0);
  return (hosts && scanBest(hosts, ip, dev)) ?? scanBest(index.others, ip, dev);
}

export function tableRoutes(ns: Netns, table: string): Route[] {
  // Each lookup used to derive the table again: with kube-ipvs0 holding every ClusterIP, that is
  // tens of thousands of routes per lookup. The model does not change after it is built; the
  // cache still checks that the namespace's links and routes are the ones it was made from.
  let size = ns.routes.length;
  for (const link of ns.links) size += link.addresses.length + 1;
  let cached = tableCache.get(ns);
  if (!cached || cached.links !== ns.links || cached.routes !== ns.routes || cached.size !== size) {
    cached = { links: ns.links, routes: ns.routes, size, tables: new Map() };
    tableCache.set(ns, cached);
  }
  let routes = cached.tables.get(table);
  if (!routes) cached.tables.set(table, (routes = deriveTable(ns, table)));
  return routes;
}

const tableCache = new WeakMap<Netns, { links: Netns['links']; routes: Route[]; size: number; tables: Map<string, Route[]> }>();

function deriveTable(ns: Netns, table: string): Route[] {
  if (table === 'local') return localRoutes(ns);
  const routes = ns.routes.filter((r) => r.table === table);
  if (table === 'main' && !ns.hasRoutes) return connectedRoutes(ns);
  return routes;
}

function decision(route: Route, table: string): RouteDecision {
  const kind = route.type === 'unicast' ? 'unicast' : route.type === 'local' ? 'local' : route.type === 'broadcast' ? 'broadcast'
    : route.type === 'blackhole' ? 'blackhole' : route.type === 'prohibit' ? 'prohibit' : route.type === 'unreachable' ? 'unreachable' : 'unicast';
  const d: RouteDecision = { kind, route, table };
  const first = route.nexthops[0];
  const dev = route.dev ?? first?.dev;
  const via = route.via ?? first?.via;
  if (dev) d.dev = dev;
  if (via) d.via = via;
  if (route.src) d.src = route.src;
  if (route.nexthops.length > 1) d.nexthops = route.nexthops;
  return d;
}

export interface LookupKeys {
  mark?: number;
  iif?: string;
  src?: string;
}

/** The unknown interface a packet leaves by when no dump describes the namespace's interfaces. */
export const UNKNOWN_IFACE = '(unknown)';

/** True when no interface and no route of the namespace is known: only rules were given. */
export function knowsNothingOfRouting(ns: Netns): boolean {
  return ns.links.length === 0 && !ns.hasRoutes;
}

/** Looks up `dst` through the namespace's policy rules. */
export function lookupRoute(ns: Netns, dst: string, keys: LookupKeys = {}): RouteDecision {
  const ip = parseIpv4(dst);
  if (ip === null) return { kind: 'none', route: null, table: 'main' };
  // With rules only (a lone iptables-save), routing is unknown: assume the packet is not for this host.
  if (knowsNothingOfRouting(ns)) return { kind: 'unicast', route: null, table: 'main', dev: UNKNOWN_IFACE, assumed: true };
  const rules = ns.policyRules.length
    ? [...ns.policyRules].sort((a, b) => a.priority - b.priority)
    : [{ priority: 0, table: 'local' }, { priority: 32766, table: 'main' }, { priority: 32767, table: 'default' }];
  const src = keys.src ? parseIpv4(keys.src) : null;
  for (const rule of rules) {
    if ('not' in rule) {
      const fromOk = !rule.from || (src !== null && inNet(src, rule.from));
      const toOk = !rule.to || inNet(ip, rule.to);
      const markOk = !rule.fwmark || ((keys.mark ?? 0) & rule.fwmark.mask) >>> 0 === rule.fwmark.value;
      const iifOk = !rule.iif || rule.iif === keys.iif;
      // `not` inverts the whole selector, as `ip rule add not ...` does.
      if ((fromOk && toOk && markOk && iifOk) === rule.not) continue;
    }
    if ('action' in rule && rule.action !== 'lookup') {
      if (rule.action === 'blackhole' || rule.action === 'unreachable' || rule.action === 'prohibit') {
        return { kind: rule.action, route: null, table: '' };
      }
      continue;
    }
    const table = rule.table ?? 'main';
    const route = best(tableRoutes(ns, table), ip);
    if (route && route.type !== 'throw') return decision(route, table);
  }
  return { kind: 'none', route: null, table: 'main' };
}

/** How the kernel classifies an address for `-m addrtype` (and `fib daddr type`). */
export function addrType(ns: Netns, addr: string, iface?: string): AddrType {
  const ip = parseIpv4(addr);
  if (ip === null) return 'UNSPEC';
  if (ip === 0xffffffff) return 'BROADCAST';
  if (((ip & prefixToMask(4)) >>> 0) === 0xe0000000) return 'MULTICAST';
  if (iface) {
    const link = ns.links.find((l) => l.name === iface);
    if (link?.addresses.some((a) => a.address === addr)) return 'LOCAL';
  } else {
    const local = best(tableRoutes(ns, 'local'), ip);
    if (local?.type === 'local') return 'LOCAL';
    if (local?.type === 'broadcast') return 'BROADCAST';
  }
  for (const link of ns.links) if (link.addresses.some((a) => a.broadcast === addr)) return 'BROADCAST';
  const d = lookupRoute(ns, addr);
  switch (d.kind) {
    case 'blackhole': return 'BLACKHOLE';
    case 'unreachable': return 'UNREACHABLE';
    case 'prohibit': return 'PROHIBIT';
    case 'local': return iface ? 'UNICAST' : 'LOCAL';
    default: return 'UNICAST';
  }
}

/** The source a locally sent packet to `dst` gets: the route's `src`, else the egress device's primary address. */
export function sourceAddress(ns: Netns, dst: string): string | null {
  const d = lookupRoute(ns, dst);
  return d.src ?? (d.dev ? primaryAddress(ns, d.dev, dst) : null);
}

/** Source address selection: the address on `dev` in the same subnet as `towards`, else its first global one. */
export function primaryAddress(ns: Netns, dev: string, towards: string): string | null {
  const link = ns.links.find((l) => l.name === dev);
  const target = parseIpv4(towards);
  const inet = (link?.addresses ?? []).filter((a) => a.family === 'inet' && !a.secondary);
  for (const a of inet) {
    const net = parseIpv4Net(`${a.address}/${a.prefix}`);
    if (net && target !== null && inNet(target, net)) return a.address;
  }
  // Outside its subnet, a host-scope address (lo's 127.0.0.1) is never chosen: inet_select_addr
  // wants a scope up to universe, and looks at the other devices instead.
  const global = inet.find((a) => a.scope === 'global') ?? inet.find((a) => a.scope !== 'host');
  if (global) return global.address;
  // A device without an address (a kindnet or Calico veth): inet_select_addr takes an address of
  // another device. Service addresses on dummy devices (kube-ipvs0) are never meant as sources.
  for (const other of ns.links) {
    if (other.kind === 'loopback' || other.kind === 'dummy' || other.name === dev) continue;
    const a = other.addresses.find((x) => x.family === 'inet' && x.scope === 'global' && !x.secondary);
    if (a) return a.address;
  }
  return null;
}
