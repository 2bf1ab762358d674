/**
 * Builds the model from the user's inputs: each input is parsed by its format (given, or
 * detected by shape) into the namespace it belongs to; then veth pairs are joined across
 * namespaces of the same node.
 */
import type { Diagnostic } from '../diagnostics';
import { parseBridgeFdb } from '../formats/bridge-fdb/parse';
import { parseConntrack } from '../formats/conntrack/parse';
import { detectFormat } from '../formats/detect';
import { buildIpNames, parseKubectlNodes, parseKubectlPods, parseKubectlServices } from '../formats/kubectl';
import { parseIpNeigh } from '../formats/ip-neigh/parse';
import { parseIpAddr } from '../formats/ip-link/parse';
import { parseIpRoute } from '../formats/ip-route/parse';
import { parseIpRule } from '../formats/ip-route/parse-rule';
import { parseIpset } from '../formats/ipset/parse';
import { parseIpvsadm } from '../formats/ipvsadm/parse';
import { parseIptablesList, parseIptablesRules, parseIptablesSave } from '../formats/iptables';
import type { IptablesRuleset } from '../formats/iptables/types';
import { netnsId, type InputFile, type InputFormat, type Model, type Netns, type VethPair } from './types';

const DEFAULT_NODE = 'node';

function emptyNetns(node: string, name: string): Netns {
  return {
    id: netnsId(node, name),
    node,
    name,
    kind: name ? 'pod' : 'host',
    links: [],
    routes: [],
    policyRules: [],
    hasRoutes: false,
    hasLocalTable: false,
    iptables: null,
    ipsets: null,
    neighbors: null,
    fdb: null,
    conntrack: null,
    ipvs: null,
    sources: [],
  };
}

/** Several iptables inputs for one namespace (say, `-t nat -S` and `-t filter -S`) merge by table. */
function mergeRulesets(into: IptablesRuleset | null, next: IptablesRuleset): IptablesRuleset {
  if (!into) return next;
  for (const [name, table] of next.tables) into.tables.set(name, table);
  into.files.push(...next.files);
  return into;
}

export function formatOf(input: InputFile): InputFormat {
  return input.format && input.format !== 'unknown' ? input.format : detectFormat(input.text).format;
}

export function buildModel(inputs: InputFile[]): Model {
  const model: Model = { nodes: [], kube: { pods: [], services: [], nodes: [] }, names: new Map(), netns: new Map(), veths: [], diagnostics: [], files: new Map() };
  const netnsFor = (node: string, name: string): Netns => {
    const id = netnsId(node, name);
    let ns = model.netns.get(id);
    if (!ns) {
      ns = emptyNetns(node, name);
      model.netns.set(id, ns);
      let entry = model.nodes.find((n) => n.name === node);
      if (!entry) model.nodes.push((entry = { name: node, netns: [] }));
      // The root namespace comes first, then pods in the order they appear.
      if (name) entry.netns.push(id);
      else entry.netns.unshift(id);
    }
    return ns;
  };

  for (const input of inputs) {
    const node = input.node ?? DEFAULT_NODE;
    const name = input.netns ?? '';
    const format = formatOf(input);
    const fileEntry: { text: string; format: InputFormat; node: string; netns?: string } = { text: input.text, format, node };
    if (input.netns) fileEntry.netns = input.netns;
    model.files.set(input.name, fileEntry);
    if (format === 'kubectl-pods' || format === 'kubectl-svc' || format === 'kubectl-nodes') {
      // Cluster-wide inventories: they name addresses everywhere and belong to no namespace.
      model.diagnostics.push(...addKubectl(model, format, input));
      continue;
    }
    const ns = netnsFor(node, name);
    ns.sources.push({ file: input.name, format });
    const diagnostics: Diagnostic[] = [];
    switch (format) {
      case 'iptables-save':
      case 'iptables-rules':
      case 'iptables-list': {
        const parse = format === 'iptables-save' ? parseIptablesSave : format === 'iptables-rules' ? parseIptablesRules : parseIptablesList;
        const r = parse(input.text, input.name);
        ns.iptables = mergeRulesets(ns.iptables, r.value);
        diagnostics.push(...r.diagnostics);
        break;
      }
      case 'ip-addr': {
        const r = parseIpAddr(input.text, input.name);
        ns.links.push(...r.value.links);
        diagnostics.push(...r.diagnostics);
        break;
      }
      case 'ip-route': {
        const r = parseIpRoute(input.text, input.name);
        ns.routes.push(...r.value.routes);
        ns.hasRoutes = true;
        ns.hasLocalTable ||= r.value.hasLocalTable;
        diagnostics.push(...r.diagnostics);
        break;
      }
      case 'ip-rule': {
        const r = parseIpRule(input.text, input.name);
        ns.policyRules.push(...r.value);
        diagnostics.push(...r.diagnostics);
        break;
      }
      case 'ip-neigh': {
        const r = parseIpNeigh(input.text, input.name);
        (ns.neighbors ??= []).push(...r.value.entries);
        diagnostics.push(...r.diagnostics);
        break;
      }
      case 'bridge-fdb': {
        const r = parseBridgeFdb(input.text, input.name);
        (ns.fdb ??= []).push(...r.value.entries);
        diagnostics.push(...r.diagnostics);
        break;
      }
      case 'conntrack': {
        const r = parseConntrack(input.text, input.name);
        (ns.conntrack ??= []).push(...r.value.entries);
        diagnostics.push(...r.diagnostics);
        break;
      }
      case 'ipvsadm': {
        const r = parseIpvsadm(input.text, input.name);
        if (ns.ipvs) ns.ipvs.services.push(...r.value.services);
        else ns.ipvs = r.value;
        diagnostics.push(...r.diagnostics);
        break;
      }
      case 'ipset': {
        const r = parseIpset(input.text, input.name);
        ns.ipsets ??= new Map();
        for (const [name, set] of r.value.sets) ns.ipsets.set(name, set);
        diagnostics.push(...r.diagnostics);
        break;
      }
      default:
        diagnostics.push({ code: 'IN002', severity: 'error', message: `The format of ${input.name} could not be recognised.`, file: input.name, line: 1, column: 1 });
    }
    model.diagnostics.push(...diagnostics);
  }
  model.veths = joinVeths(model);
  model.names = buildIpNames(model.kube);
  return model;
}

function addKubectl(model: Model, format: 'kubectl-pods' | 'kubectl-svc' | 'kubectl-nodes', input: InputFile): Diagnostic[] {
  if (format === 'kubectl-pods') {
    const r = parseKubectlPods(input.text, input.name);
    model.kube.pods.push(...r.value.pods);
    return r.diagnostics;
  }
  if (format === 'kubectl-svc') {
    const r = parseKubectlServices(input.text, input.name);
    model.kube.services.push(...r.value.services);
    return r.diagnostics;
  }
  const r = parseKubectlNodes(input.text, input.name);
  model.kube.nodes.push(...r.value.nodes);
  return r.diagnostics;
}

/**
 * A veth end prints its peer as `@ifN` (the peer's index in another namespace). Two ends on
 * the same node pair up when each names the other's index; one-sided evidence is enough when
 * only one candidate fits.
 */
function joinVeths(model: Model): VethPair[] {
  const pairs: VethPair[] = [];
  const taken = new Set<string>();
  const all = [...model.netns.values()];
  for (const ns of all) {
    for (const link of ns.links) {
      const peerIndex = link.peer?.ifindex;
      if (peerIndex === undefined || taken.has(`${ns.id}:${link.name}`)) continue;
      const candidates = all
        .filter((other) => other.node === ns.node && other.id !== ns.id)
        // Indices a parser made up (ifconfig, ip -br) say nothing about peers.
        .flatMap((other) => other.links.filter((l) => l.index === peerIndex && l.indexSource !== 'sequential' && !taken.has(`${other.id}:${l.name}`)).map((l) => ({ other, l })));
      const mutual = candidates.filter((c) => c.l.peer?.ifindex === link.index);
      const pick = mutual.length === 1 ? mutual[0] : candidates.length === 1 ? candidates[0] : undefined;
      if (!pick) continue;
      taken.add(`${ns.id}:${link.name}`);
      taken.add(`${pick.other.id}:${pick.l.name}`);
      pairs.push({ a: { netns: ns.id, link: link.name }, b: { netns: pick.other.id, link: pick.l.name } });
    }
  }
  return pairs;
}
