/** What `ip route` / `ip route show table all` / `ip rule` parse into. */
import type { SourceSpan } from '../../diagnostics';
import type { Ipv4Net } from '../../net/ipv4';

export type RouteType =
  | 'unicast' | 'local' | 'broadcast' | 'blackhole' | 'unreachable' | 'prohibit' | 'throw'
  | 'multicast' | 'anycast';

export interface Nexthop {
  via?: string;
  dev?: string;
  weight: number;
  onlink: boolean;
}

export interface Route {
  type: RouteType;
  /** `default` is 0.0.0.0/0. */
  dst: Ipv4Net;
  dstText: string;
  /** "main", "local", or a number as text. */
  table: string;
  via?: string;
  dev?: string;
  src?: string;
  proto?: string;
  scope?: string;
  metric: number;
  onlink: boolean;
  mtu?: number;
  /** Multipath: the `nexthop` lines; empty for a single path. */
  nexthops: Nexthop[];
  span: SourceSpan;
}

export interface PolicyRule {
  priority: number;
  not: boolean;
  from?: Ipv4Net;
  to?: Ipv4Net;
  fwmark?: { value: number; mask: number };
  iif?: string;
  oif?: string;
  /** "lookup TABLE"; absent for blackhole/unreachable/prohibit actions. */
  table?: string;
  action: 'lookup' | 'blackhole' | 'unreachable' | 'prohibit' | 'goto' | 'nop';
  span: SourceSpan;
}

export interface RouteTableDump {
  routes: Route[];
  /** True when the dump listed the local table (`ip route show table all`). */
  hasLocalTable: boolean;
  files: string[];
}
