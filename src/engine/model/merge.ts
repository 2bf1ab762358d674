/**
 * One entry per dump format: how to parse it, and where its value goes in a namespace (or, for
 * kubectl, in the cluster inventory). Adding a format means adding one entry here.
 */
import type { ParseResult } from '../diagnostics';
import { parseBridgeFdb } from '../formats/bridge-fdb/parse';
import { parseConntrack } from '../formats/conntrack/parse';
import { parseIpNeigh } from '../formats/ip-neigh/parse';
import { parseIpAddr } from '../formats/ip-link/parse';
import { parseIpRoute } from '../formats/ip-route/parse';
import { parseIpRule } from '../formats/ip-route/parse-rule';
import { parseIpset } from '../formats/ipset/parse';
import { parseIpvsadm } from '../formats/ipvsadm/parse';
import { parseIptablesList, parseIptablesRules, scanIptablesSave } from '../formats/iptables';
import type { IptablesRuleset } from '../formats/iptables/types';
import { DUMP_FLOWS_COMMAND, parseOvsFlows } from '../formats/ovs/dump-flows';
import { parseOvsOfctlShow } from '../formats/ovs/ofctl-show';
import { parseOvsVsctlShow } from '../formats/ovs/vsctl-show';
import { parseNftJson } from '../formats/nft/parse-json';
import { scanNftRuleset } from '../formats/nft/parse';
import type { NftRuleset } from '../formats/nft/types';
import { parseKubectlNodes, parseKubectlPods, parseKubectlServices } from '../formats/kubectl';
import type { InputFormat, KubeInventory, Netns, OvsState } from './types';

/** What a node bundle's section header said about the dump (the command that printed it). */
export interface MergeContext {
  command?: string;
}

/** A format whose dumps describe one namespace. */
interface NetnsFormat<T> {
  scope: 'netns';
  parse(text: string, file: string): ParseResult<T>;
  merge(ns: Netns, value: T, context: MergeContext): void;
}

/** A format whose dumps describe the whole cluster (kubectl). */
interface ClusterFormat<T> {
  scope: 'cluster';
  parse(text: string, file: string): ParseResult<T>;
  merge(kube: KubeInventory, value: T): void;
}

type FormatEntry = NetnsFormat<never> | ClusterFormat<never>;

function netns<T>(parse: (text: string, file: string) => ParseResult<T>, merge: (ns: Netns, value: T, context: MergeContext) => void): FormatEntry {
  return { scope: 'netns', parse, merge } as unknown as FormatEntry;
}

function cluster<T>(parse: (text: string, file: string) => ParseResult<T>, merge: (kube: KubeInventory, value: T) => void): FormatEntry {
  return { scope: 'cluster', parse, merge } as unknown as FormatEntry;
}

/** Several iptables inputs for one namespace (say, `-t nat -S` and `-t filter -S`) merge by table. */
function mergeIptables(ns: Netns, next: IptablesRuleset): void {
  if (!ns.iptables) {
    ns.iptables = next;
    return;
  }
  for (const [name, table] of next.tables) ns.iptables.tables.set(name, table);
  ns.iptables.files.push(...next.files);
}

function ovsOf(ns: Netns): OvsState {
  return (ns.ovs ??= { config: null, flows: [], ofports: [] });
}

function mergeNft(ns: Netns, next: NftRuleset): void {
  if (!ns.nft) ns.nft = next;
  else {
    ns.nft.tables.push(...next.tables);
    ns.nft.files.push(...next.files);
  }
}

export const FORMATS: Partial<Record<InputFormat, FormatEntry>> = {
  // Rule bodies are parsed when first read; their diagnostics come from `deferred` (build.ts).
  'iptables-save': netns(scanIptablesSave, mergeIptables),
  'iptables-rules': netns(parseIptablesRules, mergeIptables),
  'iptables-list': netns(parseIptablesList, mergeIptables),
  'ip-addr': netns(parseIpAddr, (ns, v) => ns.links.push(...v.links)),
  'ip-route': netns(parseIpRoute, (ns, v) => {
    ns.routes.push(...v.routes);
    ns.hasRoutes = true;
    ns.hasLocalTable ||= v.hasLocalTable;
  }),
  'ip-rule': netns(parseIpRule, (ns, v) => ns.policyRules.push(...v)),
  'ip-neigh': netns(parseIpNeigh, (ns, v) => (ns.neighbors ??= []).push(...v.entries)),
  'bridge-fdb': netns(parseBridgeFdb, (ns, v) => (ns.fdb ??= []).push(...v.entries)),
  conntrack: netns(parseConntrack, (ns, v) => (ns.conntrack ??= []).push(...v.entries)),
  ipset: netns(parseIpset, (ns, v) => {
    ns.ipsets ??= new Map();
    for (const [name, set] of v.sets) ns.ipsets.set(name, set);
  }),
  ipvsadm: netns(parseIpvsadm, (ns, v) => {
    if (ns.ipvs) ns.ipvs.services.push(...v.services);
    else ns.ipvs = v;
  }),
  // Chains' rules are parsed when first read, like iptables-save's (formats/nft/lazy-rules.ts).
  nft: netns(scanNftRuleset, mergeNft),
  'nft-json': netns(parseNftJson, mergeNft),
  'ovs-vsctl': netns(parseOvsVsctlShow, (ns, v) => {
    const ovs = ovsOf(ns);
    if (!ovs.config) ovs.config = v;
    else ovs.config.bridges.push(...v.bridges);
  }),
  'ovs-flows': netns(parseOvsFlows, (ns, v, context) => {
    // A bundle section `### hopscope-section: ovs-ofctl dump-flows br0` names the bridge.
    const bridge = context.command ? DUMP_FLOWS_COMMAND.exec(context.command)?.[1] : undefined;
    for (const flow of v) if (bridge !== undefined) flow.bridge ??= bridge;
    ovsOf(ns).flows.push(...v);
  }),
  'ovs-ofctl-show': netns(parseOvsOfctlShow, (ns, v) => ovsOf(ns).ofports.push(v)),
  'kubectl-pods': cluster(parseKubectlPods, (kube, v) => kube.pods.push(...v.pods)),
  'kubectl-svc': cluster(parseKubectlServices, (kube, v) => kube.services.push(...v.services)),
  'kubectl-nodes': cluster(parseKubectlNodes, (kube, v) => kube.nodes.push(...v.nodes)),
};
