/**
 * The model a workspace of dumps builds: cluster nodes, their network namespaces, and in each
 * namespace the interfaces, routes and netfilter rules the dumps describe. Whatever no dump said
 * stays absent here; the simulator turns absence into an explicit assumption.
 */
import type { Diagnostic, SourceSpan } from '../diagnostics';
import type { FdbEntry } from '../formats/bridge-fdb/types';
import type { ConntrackEntry } from '../formats/conntrack/types';
import type { IpNames } from '../formats/kubectl/names';
import type { KubeNode, KubePod, KubeService } from '../formats/kubectl/types';
import type { NeighEntry } from '../formats/ip-neigh/types';
import type { IptablesRuleset } from '../formats/iptables/types';
import type { IpvsTable } from '../formats/ipvsadm/types';
import type { NftRuleset } from '../formats/nft/types';
import type { OvsConfig, OvsFlow, OvsOfctlShow } from '../formats/ovs/types';
import type { Ipset } from '../formats/ipset/types';
import type { Link } from '../formats/ip-link/types';
import type { PolicyRule, Route } from '../formats/ip-route/types';

/** A namespace id: `node` for a node's root namespace, `node/name` for a pod's. */
export type NetnsId = string & { readonly __brand: 'NetnsId' };

export function netnsId(node: string, name?: string): NetnsId {
  return (name ? `${node}/${name}` : node) as NetnsId;
}

/** The formats Hopscope reads; `detect` guesses one from a text's shape. */
/** Every format Hopscope reads, in one list (the union below is derived from it). */
export const INPUT_FORMATS = [
  'iptables-save', 'iptables-rules', 'iptables-list', 'ip-addr', 'ip-route', 'ip-rule', 'ipset',
  'ip-neigh', 'bridge-fdb', 'conntrack', 'kubectl-pods', 'kubectl-svc', 'kubectl-nodes', 'bundle',
  'ipvsadm', 'nft', 'nft-json', 'ovs-vsctl', 'ovs-flows', 'ovs-ofctl-show',
] as const;

export type InputFormat = (typeof INPUT_FORMATS)[number] | 'unknown';

/** One dump as the user gave it, and where it belongs. */
export interface InputFile {
  name: string;
  text: string;
  /** The node it was taken on; defaults to "node". */
  node?: string;
  /** A pod or container namespace on that node; absent for the node's root namespace. */
  netns?: string;
  /** Overrides detection. */
  format?: InputFormat;
}

export interface OvsState {
  config: OvsConfig | null;
  /** Every flow given, of every bridge; `flow.bridge` says whose, when the dump said it. */
  flows: OvsFlow[];
  /** One `ovs-ofctl show` per bridge. */
  ofports: OvsOfctlShow[];
}

export interface Netns {
  id: NetnsId;
  node: string;
  /** "" for the node's root namespace. */
  name: string;
  kind: 'host' | 'pod';
  links: Link[];
  routes: Route[];
  policyRules: PolicyRule[];
  /** True when a route dump for this namespace was given (absence of routes is then real). */
  hasRoutes: boolean;
  hasLocalTable: boolean;
  iptables: IptablesRuleset | null;
  /** Neighbour entries (`ip neigh`); null when no such dump was given. */
  neighbors: NeighEntry[] | null;
  /** Forwarding database entries (`bridge fdb show`); null when no such dump was given. */
  fdb: FdbEntry[] | null;
  /** nftables tables from `nft list ruleset` (text or JSON); null when no such dump was given. */
  nft: NftRuleset | null;
  /** Open vSwitch bridges (`ovs-vsctl show`), flows (`ovs-ofctl dump-flows`) and port numbers (`ovs-ofctl show`); null when not given. */
  ovs: OvsState | null;
  /** IPVS virtual services (`ipvsadm -Ln`/`-Sn`); null when no such dump was given. */
  ipvs: IpvsTable | null;
  /** Connections from a `conntrack -L` dump; null when none was given. */
  conntrack: ConntrackEntry[] | null;
  /** ipsets by name, from `ipset list`/`ipset save`; null when no such dump was given. */
  ipsets: Map<string, Ipset> | null;
  /** Which inputs described this namespace, by format. */
  sources: { file: string; format: InputFormat }[];
}

/** A veth pair resolved across namespaces: both ends known. */
export interface VethPair {
  a: { netns: NetnsId; link: string };
  b: { netns: NetnsId; link: string };
}

export interface ClusterNode {
  name: string;
  netns: NetnsId[];
}

/** What `kubectl get pods|svc|nodes -o wide` said about the cluster. */
export interface KubeInventory {
  pods: KubePod[];
  services: KubeService[];
  nodes: KubeNode[];
}

export interface Model {
  nodes: ClusterNode[];
  /** The cluster as kubectl lists it; empty lists when no kubectl output was given. */
  kube: KubeInventory;
  /** Names for addresses (pod, Service, node), from the kubectl inventory. */
  names: IpNames;
  netns: Map<NetnsId, Netns>;
  veths: VethPair[];
  diagnostics: Diagnostic[];
  /** Every input by name, so a trace can point at a line and a view can show it. */
  files: Map<string, { text: string; format: InputFormat; node: string; netns?: string }>;
  /** Checks left for later by `buildModel(inputs, { deferChecks: true })`; see `runDeferredChecks`. */
  deferredChecks?: (() => Iterable<Diagnostic[]>)[];
}

export type { FdbEntry, NeighEntry, SourceSpan };
