/**
 * Every parser Hopscope has, with the real dumps it is fuzzed from: its fixtures, the sections
 * of the scenarios' dumps in its format, and (for `npm run fuzz`) any extra seed texts given.
 * Test-only (Node: reads files).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { allDiagnostics, type ParseResult } from '../../diagnostics';
import { detectFormat } from '../../formats/detect';
import { splitBundle } from '../../formats/bundle';
import { FORMATS } from '../../model/merge';
import { parseIptablesSave, scanIptablesSave } from '../../formats/iptables';
import { parseNftRuleset, scanNftRuleset } from '../../formats/nft/parse';
import type { InputFormat } from '../../model/types';
import { loadScenario } from '../../scenario/load';
import { parsePacketSpec } from '../../sim/packet-spec';
import { SCENARIOS_DIR, scenarioFiles, scenarioIds } from '../scenario-files';

/** scanIptablesSave with every deferred rule parsed and every deferred diagnostic found. */
function scanIptablesSaveFully(text: string, file: string): ParseResult<unknown> {
  const r = scanIptablesSave(text, file);
  const diagnostics = allDiagnostics(r);
  // Plain copies, so the span walk sees the rules (a lazy chain keeps them in a private field).
  for (const table of r.value.tables.values()) {
    for (const [name, c] of table.chains) table.chains.set(name, { name: c.name, table: c.table, builtin: c.builtin, policy: c.policy, counters: c.counters, span: c.span, rules: c.rules });
  }
  // `origin` carries a line offset, not a place in the text.
  delete r.value.origin;
  return { value: r.value, diagnostics };
}

/** scanNftRuleset with every deferred rule parsed and every deferred diagnostic found. */
function scanNftRulesetFully(text: string, file: string): ParseResult<unknown> {
  const r = scanNftRuleset(text, file);
  const diagnostics = allDiagnostics(r);
  // Plain copies, so the span walk sees the rules (a lazy chain keeps them in a private field).
  for (const table of r.value.tables) {
    table.chains = table.chains.map((c) => ({ name: c.name, ...(c.handle !== undefined ? { handle: c.handle } : {}), ...(c.comment !== undefined ? { comment: c.comment } : {}), ...(c.base ? { base: c.base } : {}), span: c.span, rules: c.rules }));
  }
  delete r.value.origin;
  return { value: r.value, diagnostics };
}

export interface FuzzTarget {
  name: string;
  parse(text: string, file: string): ParseResult<unknown>;
  /** Real dumps to mutate. */
  seeds: string[];
  /** The format's own words, for token mutations. */
  tokens: string[];
}

const FORMATS_DIR = join(SCENARIOS_DIR, '..', 'src', 'engine', 'formats');

function filesUnder(dir: string): string[] {
  if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) return [];
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : /\.(txt|json|nft|rules|save)$/.test(name) ? [full] : [];
  });
}

/** Every dump of the scenarios, cut into sections by format (bundles split as the model does). */
function scenarioSections(): Map<InputFormat, string[]> {
  const out = new Map<InputFormat, string[]>();
  const add = (format: InputFormat, text: string) => out.set(format, [...(out.get(format) ?? []), text]);
  for (const id of scenarioIds()) {
    for (const [path, text] of Object.entries(scenarioFiles(id))) {
      if (path === 'scenario.yaml' || path.endsWith('.md') || path === 'expected.txt') continue;
      const format = detectFormat(text).format;
      if (format !== 'bundle') add(format, text);
      else {
        add('bundle', text);
        for (const s of splitBundle(text, path).value) add(s.format, s.text);
      }
    }
  }
  return out;
}

// Which fixture folders feed which format (the detector sorts a folder's files by format).
const FIXTURE_DIRS = ['bridge-fdb', 'bundle', 'conntrack', 'ip-link', 'ip-neigh', 'ip-route', 'iptables', 'ipvsadm', 'kubectl', 'nft', 'ovs'];

const TOKENS: Partial<Record<InputFormat | 'packet' | 'scenario', string[]>> = {
  'iptables-save': ['-A', '-I', '-N', '-X', '-m', 'comment', '--comment', 'statistic', '--mode', 'random', '--probability', '0.5', '-j', 'DNAT', '--to-destination', 'MARK', '--set-xmark', '0x4000/0x4000', 'MASQUERADE', '! -s', '--dport', 'multiport', '--dports', 'set', '--match-set', 'KUBE-CLUSTER-IP', 'dst,dst', 'conntrack', '--ctstate', 'RELATED,ESTABLISHED', '[0:0]', ':INPUT ACCEPT [0:0]'],
  nft: ['table', 'ip', 'inet', 'chain', 'type', 'filter', 'hook', 'prerouting', 'priority', 'dstnat', ';', 'policy', 'accept', 'jump', 'goto', 'vmap', 'map', 'set', 'elements', '=', 'numgen', 'random', 'mod', 'dnat', 'to', 'ip daddr', 'tcp dport', 'ct state', 'meta mark', 'counter'],
  'nft-json': ['{"nftables": [', '{"rule":', '{"chain":', '{"table":', '"expr": [', '{"match":', '"left":', '"right":', '{"payload":', '"op": "=="', ']}', '}]', '{"&": [', 'null', 'true', '1e999'],
  'ovs-flows': ['cookie=0x0,', 'table=0,', 'priority=100,', 'in_port=1', 'actions=', 'ct(commit,nat(src=1.2.3.4))', 'resubmit(,2)', 'output:2', 'load:0x1->NXM_NX_REG0[]', 'set_field:', 'drop', 'NORMAL'],
  'ovs-vsctl': ['Bridge', 'Port', 'Interface', 'type:', 'options:', '{remote_ip="1.2.3.4", key=flow}', 'tag:', 'ovs_version:', 'patch', 'geneve', 'internal'],
  ipset: ['Name:', 'Type:', 'hash:ip,port', 'bitmap:port', 'Header:', 'family inet', 'Members:', 'create', 'add', 'KUBE-CLUSTER-IP', '10.96.0.1,tcp:443', 'timeout', 'comment'],
  packet: ['tcp', 'udp', 'icmp', 'sctp', '>', ':', '[', ']', '::1', '10.0.0.1:80', 'flags', 'S', 'syn', 'ttl', 'mark', 'len', 'in', 'dev'],
  scenario: ['title:', 'level:', 'inputs:', 'packets:', '- file:', 'node:', 'netns:', 'format:', 'from:', 'packet:', 'choices:', '__proto__:', 'constructor:', '&a', '*a', '!!js/function', '!!binary', '<<: *a', '? ', '|', '>-', '---', '...'],
};

const IPSET_SEED = `Name: KUBE-CLUSTER-IP
Type: hash:ip,port
Revision: 6
Header: family inet hashsize 1024 maxelem 65536 bucketsize 12 initval 0x8a5b4b10
Size in memory: 536
References: 2
Number of entries: 2
Members:
10.96.0.10,udp:53
10.96.0.1,tcp:443

create KUBE-LOOP-BACK hash:ip,port,ip family inet hashsize 1024 maxelem 65536
add KUBE-LOOP-BACK 10.244.1.2,tcp:80,10.244.1.2
`;

const PACKET_SEEDS = ['tcp 10.244.1.2:40000 > 10.96.0.10:80', 'udp 10.0.0.1 > 10.0.0.2:53', 'icmp 10.244.1.2 > 8.8.8.8', 'tcp [fd00::1]:80 > [fd00::2]:443', 'tcp > 10.96.0.1:443'];

/**
 * The fuzz targets: one per format the model reads, plus the bundle splitter, the format
 * detector, the packet syntax and scenario.yaml. `extraSeeds` (say, blog posts full of pasted
 * output) are added to every target's seeds.
 */
export function fuzzTargets(extraSeeds: string[] = []): FuzzTarget[] {
  const byFormat = scenarioSections();
  for (const dir of FIXTURE_DIRS) {
    for (const file of filesUnder(join(FORMATS_DIR, dir, 'fixtures'))) {
      const text = readFileSync(file, 'utf8');
      let format = detectFormat(text).format;
      if (file.endsWith('.nft')) format = 'nft';
      if (format === 'unknown') continue;
      byFormat.set(format, [...(byFormat.get(format) ?? []), text]);
    }
  }
  byFormat.set('ipset', [...(byFormat.get('ipset') ?? []), IPSET_SEED]);
  const all = [...byFormat.values()].flat();
  const seedsOf = (format: InputFormat) => {
    const own = byFormat.get(format) ?? [];
    // A format no file shows is still fuzzed from every other dump: a parser must survive them all.
    return [...(own.length > 0 ? own : all.slice(0, 5)), ...extraSeeds];
  };
  const targets: FuzzTarget[] = Object.entries(FORMATS).map(([format, entry]) => ({
    name: format,
    parse: (format === 'iptables-save' ? parseIptablesSave : format === 'nft' ? parseNftRuleset : entry!.parse) as (text: string, file: string) => ParseResult<unknown>,
    seeds: seedsOf(format as InputFormat),
    tokens: TOKENS[format as InputFormat] ?? [],
  }));
  // The model builder reads iptables-save and nft lazily (rules parsed on first read, rule diagnostics
  // deferred): fuzz that form with everything forced, besides the eager parser above.
  targets.push({ name: 'iptables-save-lazy', parse: scanIptablesSaveFully, seeds: seedsOf('iptables-save'), tokens: TOKENS['iptables-save'] ?? [] });
  targets.push({ name: 'nft-lazy', parse: scanNftRulesetFully, seeds: seedsOf('nft'), tokens: TOKENS.nft ?? [] });
  targets.push(
    { name: 'bundle', parse: splitBundle, seeds: seedsOf('bundle'), tokens: ['### hopscope-section: iptables-save', '### hopscope-netns: pod', '### hopscope-end', '### hopscope-exit: 1', 'ip netns exec x', 'kubectl get pods -o wide'] },
    // detectFormat is no parser, but it reads every paste first: it must survive them all too.
    { name: 'detect', parse: (text) => ({ value: detectFormat(text), diagnostics: [] }), seeds: [...all, ...extraSeeds], tokens: [] },
    { name: 'packet', parse: parsePacketSpec, seeds: PACKET_SEEDS, tokens: TOKENS.packet! },
    {
      name: 'scenario.yaml',
      parse: (text, file) => loadScenario(file, { 'scenario.yaml': text, 'a.txt': 'x' }),
      seeds: scenarioIds().map((id) => readFileSync(join(SCENARIOS_DIR, id, 'scenario.yaml'), 'utf8')),
      tokens: TOKENS.scenario!,
    },
  );
  return targets;
}
