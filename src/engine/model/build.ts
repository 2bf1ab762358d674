/**
 * Builds the model from the user's inputs: each input is parsed by its format (given, or
 * detected by shape) into the namespace it belongs to; then veth pairs are joined across
 * namespaces of the same node.
 */
import { allDiagnostics, diagnostic, type Diagnostic } from '../diagnostics';
import { msg } from '../explain/message';
import { relocateResult } from '../formats/bundle/relocate';
import { splitBundle } from '../formats/bundle';
import { detectFormat } from '../formats/detect';
import { buildIpNames } from '../formats/kubectl';
import { sortByPosition } from '../formats/iptables/lines';
import { FORMATS, type MergeContext } from './merge';
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
    nft: null,
    ovs: null,
    sources: [],
  };
}

export function formatOf(input: InputFile): InputFormat {
  return input.format && input.format !== 'unknown' ? input.format : detectFormat(input.text).format;
}

/** One dump to parse: a whole input, or a section of a node bundle (whose lines start later). */
interface Unit {
  input: InputFile;
  format: InputFormat;
  lineOffset: number;
  /** The command that printed a bundle section. */
  command?: string;
}

/** A node bundle becomes its sections, each with its node, namespace and format. */
function units(input: InputFile, format: InputFormat, diagnostics: Diagnostic[]): Unit[] {
  if (format !== 'bundle') return [{ input, format, lineOffset: 0 }];
  const split = splitBundle(input.text, input.name);
  diagnostics.push(...split.diagnostics);
  return split.value.map((section) => {
    const part: InputFile = { name: input.name, text: section.text, node: input.node ?? section.node };
    const netns = section.netns ?? input.netns;
    if (netns) part.netns = netns;
    return { input: part, format: section.format, lineOffset: section.lineOffset, command: section.command };
  });
}

export interface BuildOptions {
  /**
   * Leave the checks a lazy parser deferred (iptables-save rule bodies) for `runDeferredChecks`,
   * so the first trace does not wait for them. Without it, `model.diagnostics` is complete.
   */
  deferChecks?: boolean;
}

/**
 * Runs the checks `buildModel(inputs, { deferChecks: true })` left (each once), appends what
 * they find to `model.diagnostics` and returns it; [] when nothing is left.
 *
 * @example
 * const model = buildModel(inputs, { deferChecks: true });
 * simulate(model, request); // first trace: only the chains it crosses are parsed
 * const late = runDeferredChecks(model); // every rule checked; the diagnostics to show
 */
export function runDeferredChecks(model: Model): Diagnostic[] {
  const steps = deferredCheckSteps(model);
  for (let s = steps.next(); ; s = steps.next()) if (s.done) return s.value;
}

/**
 * `runDeferredChecks` in small steps (a chain each): every `next()` does one, and the last
 * returns what was found, once it is in `model.diagnostics`. A worker runs a few steps at a
 * time and answers other messages (a trace) between them.
 *
 * @example
 * const steps = deferredCheckSteps(model);
 * let s = steps.next();
 * while (!s.done) s = steps.next(); // or stop, answer a message, and go on later
 */
export function* deferredCheckSteps(model: Model): Generator<void, Diagnostic[]> {
  const checks = model.deferredChecks ?? [];
  model.deferredChecks = [];
  const found: Diagnostic[] = [];
  for (const check of checks) {
    const ofFile: Diagnostic[] = [];
    for (const piece of check()) {
      ofFile.push(...piece);
      yield;
    }
    found.push(...sortByPosition(ofFile));
  }
  model.diagnostics.push(...found);
  return found;
}

export function buildModel(inputs: InputFile[], options: BuildOptions = {}): Model {
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

  for (const original of inputs) {
    const detected = formatOf(original);
    const fileEntry: { text: string; format: InputFormat; node: string; netns?: string } = { text: original.text, format: detected, node: original.node ?? DEFAULT_NODE };
    if (original.netns) fileEntry.netns = original.netns;
    model.files.set(original.name, fileEntry);
    for (const { input, format, lineOffset, command } of units(original, detected, model.diagnostics)) {
      const entry = FORMATS[format];
      if (!entry) {
        if (lineOffset === 0) model.diagnostics.push(diagnostic('IN002', { file: input.name, line: 1, column: 1 }, msg('diag.IN002.named', { name: input.name })));
        continue;
      }
      // Bundle sections are parsed alone; their spans then move to the bundle's own lines.
      const result = relocateResult(entry.parse(input.text, input.name), { lineOffset });
      if (result.deferred && options.deferChecks) {
        // What the first pass found is known now; the rule-level rest comes from the checks.
        model.diagnostics.push(...result.diagnostics);
        (model.deferredChecks ??= []).push(result.deferred);
      } else model.diagnostics.push(...(result.deferred ? sortByPosition(allDiagnostics(result)) : result.diagnostics));
      if (entry.scope === 'cluster') {
        (entry.merge as (k: Model['kube'], v: unknown) => void)(model.kube, result.value);
        continue;
      }
      const ns = netnsFor(input.node ?? DEFAULT_NODE, input.netns ?? '');
      ns.sources.push({ file: input.name, format });
      (entry.merge as (n: Netns, v: unknown, c: MergeContext) => void)(ns, result.value, command === undefined ? {} : { command });
    }
  }
  model.veths = joinVeths(model);
  model.names = buildIpNames(model.kube);
  return model;
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
