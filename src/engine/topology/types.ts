/**
 * The topology a view draws: nodes, namespaces, interfaces and the links between them.
 * A projection of the model, with ids the trace's `Place`s point at.
 */
import type { LinkKind } from '../formats/ip-link/types';
import type { NetnsId } from '../model/types';

/** `netns:ifname`, e.g. "node-1:cni0" or "node-1/client:eth0". */
export type IfaceId = string;

export function ifaceId(netns: NetnsId | string, name: string): IfaceId {
  return `${netns}:${name}`;
}

export interface TopoIface {
  id: IfaceId;
  netns: NetnsId;
  name: string;
  kind: LinkKind;
  addresses: string[];
  mac?: string;
  master?: string;
  mtu: number;
  /** Set on Open vSwitch bridges (drawn as bridges, kind `bridge`) and their ports that no `ip addr` shows (tunnel and patch ports). */
  ovs?: { role: 'bridge' | 'port'; type?: string; remoteIp?: string; peer?: string };
}

export interface TopoNetns {
  id: NetnsId;
  node: string;
  name: string;
  kind: 'host' | 'pod';
  /** A friendly label: the pod name when known, else the namespace name or the node name. */
  label: string;
  /** True when the namespace has netfilter rules worth drawing the hook diagram for. */
  hasNetfilter: boolean;
  ifaces: IfaceId[];
}

export interface TopoLink {
  id: string;
  /** `underlay`: uplinks of two nodes on one IPv4 subnet; `tunnel`: a tunnel device and the remote one its FDB/remote_ip names; `patch`: two OVS bridges' patch ports. */
  kind: 'veth' | 'bridge-port' | 'underlay' | 'tunnel' | 'patch';
  a: IfaceId;
  b: IfaceId;
}

export interface Topology {
  nodes: { name: string; netns: NetnsId[] }[];
  netns: TopoNetns[];
  ifaces: TopoIface[];
  links: TopoLink[];
}
