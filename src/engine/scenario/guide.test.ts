import { describe, expect, it } from 'vitest';
import { buildModel } from '../model/build';
import { parsePacketSpec } from '../sim/packet-spec';
import { simulate } from '../sim/simulate';
import { readScenario } from '../testing/scenario-files';
import { traceHops } from '../trace/minimal';
import type { Trace } from '../trace/types';
import { resolveGuide } from './guide';
import type { Scenario } from './types';

const GUIDE = `
narration:
  - at: { kind: chain, chain: KUBE-SERVICES }
    text: { en: The Service rule, ko: 서비스 규칙, zh: 服务规则 }
  - at: { leg: reply, kind: deliver }
    text: Back home.
  - at: { kind: chain, chain: KUBE-SEP-NOSUCHCHAIN }
    text: Only on some branch.
    optional: true
questions:
  - id: which-pod
    kind: next-hop
    at: { kind: chain, rule: --to-destination }
    prompt: Which pod receives the packet?
    choices:
      - { text: web-1, hop: { kind: veth, netns: web-1 } }
      - { text: web-2, hop: { kind: veth, netns: web-2 } }
      - { text: back to the client, hop: { kind: veth, netns: client } }
    explanation: The endpoint kube-proxy picked.
  - id: what-changes
    kind: field
    at: { kind: chain, hook: PREROUTING, chain: PREROUTING }
    prompt: What has changed when the packet leaves the node?
    choices:
      - { text: destination address and port, fields: [ip.dst, l4.dport] }
      - { text: source address, fields: [ip.src] }
      - { text: nothing, fields: [] }
    explanation: DNAT.
`;

function setup(edit?: (files: Record<string, string>) => void, guide = GUIDE): { scenario: Scenario; run: (choices?: Record<string, string>) => Trace } {
  const scenario = readScenario('pod-to-clusterip', (files) => {
    // The scenario's own narration and questions give way to the ones under test.
    files['scenario.yaml'] = files['scenario.yaml']!.split('\nnarration:')[0] + guide;
    edit?.(files);
  });
  const model = buildModel(scenario.inputs);
  const p = scenario.packets[0]!;
  return { scenario, run: (choices = {}) => simulate(model, { from: p.from, packet: parsePacketSpec(p.packet).value!, choices }) };
}

describe('resolveGuide', () => {
  it('places narration on the hop its anchor names, whatever its index', () => {
    const { scenario, run } = setup();
    const trace = run();
    const guide = resolveGuide(scenario, 'request', trace);
    expect(guide.diagnostics).toEqual([]);
    const hops = traceHops(trace);
    const services = hops.findIndex((h) => h.place.chain === 'KUBE-SERVICES');
    const home = hops.findLastIndex((h) => h.hop === 'deliver');
    expect(guide.narration.map((n) => n.step)).toEqual([services, home]);
    expect(guide.narration[0]!.hopId).toBe(hops[services]!.id);
  });

  it('reads the right next hop from the trace: another branch, another answer', () => {
    const { scenario, run } = setup();
    const first = run();
    const branch = first.branches[0]!;
    const answers = branch.options.map((o) => {
      const q = resolveGuide(scenario, 'request', run({ [branch.key]: o.value })).questions.find((x) => x.id === 'which-pod')!;
      return q.choices[q.correct]!.text;
    });
    expect(answers.sort()).toEqual(['web-1', 'web-2']);
  });

  it('the question sits on the DNAT hop and its answer step is the veth into the chosen pod', () => {
    const { scenario, run } = setup();
    const trace = run();
    const q = resolveGuide(scenario, 'request', trace).questions.find((x) => x.id === 'which-pod')!;
    const hops = traceHops(trace);
    expect(hops[q.step]!.decidedBy?.target).toBe('DNAT');
    expect(hops[q.answerStep]!.hop).toBe('veth');
    expect(q.answerStep).toBeGreaterThan(q.step);
  });

  it('reads which fields change from the trace, so a changed dump changes the answer', () => {
    const normal = setup();
    const q = resolveGuide(normal.scenario, 'request', normal.run()).questions.find((x) => x.id === 'what-changes')!;
    expect(q.correct).toBe(0);
    expect(q.changes).toEqual([
      { field: 'ip.dst', before: '10.96.0.100', after: expect.stringMatching(/^10\.244\.1\.[56]$/) },
      { field: 'l4.dport', before: '80', after: '8080' },
    ]);
    // Without the Service's rule the packet is not translated: it follows the default route out
    // of the node, and flannel's masquerade rule rewrites its source instead.
    const edited = setup((files) => {
      files['node-1/iptables-save.txt'] = files['node-1/iptables-save.txt']!.replace(/^-A KUBE-SERVICES -d 10\.96\.0\.100\/32 .*$/m, '');
    });
    const trace = edited.run();
    const g = resolveGuide(edited.scenario, 'request', trace);
    const changed = g.questions.find((x) => x.id === 'what-changes')!;
    expect(changed.correct).toBe(1);
    expect(changed.changes.map((c) => c.field)).toEqual(['ip.src']);
    // ... and the DNAT hop the other question is anchored on is gone: a located diagnostic.
    const missing = g.diagnostics.find((d) => d.message.includes('which-pod'))!;
    expect(missing.code).toBe('SCN005');
    expect(missing.message).toBe('question "which-pod": no hop of the "request" trace matches { kind: chain, rule: --to-destination }.');
    const yaml = normal.scenario.questions[0]!.span;
    expect(missing.line).toBe(yaml.line);
    expect(missing.file).toBe('pod-to-clusterip/scenario.yaml');
  });

  it('says when a narration anchor matches nothing, at its line in scenario.yaml', () => {
    const extra = '\n  - at: { kind: encap }\n    text: Wrapped.\n';
    const { scenario, run } = setup(undefined, GUIDE.replace('questions:', `${extra.trimStart().replace(/^/, '').replace(/^- /, '  - ')}questions:`));
    const g = resolveGuide(scenario, 'request', run());
    expect(g.diagnostics.map((d) => [d.code, d.message])).toEqual([['SCN005', 'narration: no hop of the "request" trace matches { kind: encap }.']]);
    const lines = readScenarioLines(scenario);
    expect(lines[g.diagnostics[0]!.line - 1]).toContain('at: { kind: encap }');
  });

  it('rejects a question whose choices name the same hop', () => {
    const same = GUIDE.replace('{ text: web-2, hop: { kind: veth, netns: web-2 } }', '{ text: any veth, hop: { kind: veth } }');
    const { scenario, run } = setup(undefined, same);
    const branch = run().branches[0]!;
    const toWeb1 = branch.options.map((o) => run({ [branch.key]: o.value })).find((t) => traceHops(t).some((h) => h.place.netnsName === 'web-1'))!;
    const d = resolveGuide(scenario, 'request', toWeb1).diagnostics;
    expect(d.map((x) => [x.code, x.message])).toEqual([['SCN006', 'question "which-pod": choices 1 and 2 name the same hop; make their anchors tell them apart.']]);
  });

  it('only resolves the entries of the packet asked for', () => {
    const { scenario, run } = setup();
    expect(resolveGuide(scenario, 'another packet', run())).toEqual({ narration: [], questions: [], diagnostics: [] });
  });
});

function readScenarioLines(scenario: Scenario): string[] {
  void scenario;
  const files: Record<string, string> = {};
  readScenario('pod-to-clusterip', (f) => Object.assign(files, f));
  return (files['scenario.yaml']!.split('\nnarration:')[0] + GUIDE.replace('questions:', '  - at: { kind: encap }\n    text: Wrapped.\nquestions:')).split('\n');
}

describe('resolveGuide: field questions and tunnels', () => {
  it('measures the change up to the tunnel, not the outer packet the tunnel makes', () => {
    const yaml = `
questions:
  - id: before-the-tunnel
    kind: field
    at: { kind: chain, node: node-1, table: nat, chain: PREROUTING }
    prompt: What changes before flannel.1 wraps the packet?
    choices:
      - { text: nothing, fields: [] }
      - { text: the addresses, fields: [ip.src, ip.dst] }
    explanation: No NAT between pods.
`;
    const scenario = readScenario('pod-to-pod-vxlan', (files) => {
      files['scenario.yaml'] = files['scenario.yaml']!.split('\nnarration:')[0] + yaml;
    });
    const p = scenario.packets[0]!;
    const trace = simulate(buildModel(scenario.inputs), { from: p.from, packet: parsePacketSpec(p.packet).value! });
    const g = resolveGuide(scenario, p.name, trace);
    expect(g.diagnostics).toEqual([]);
    const q = g.questions[0]!;
    expect(q.correct).toBe(0);
    // The answer is shown on the last hop before the encapsulation.
    expect(traceHops(trace)[q.answerStep + 1]!.hop).toBe('encap');
  });
});
