/** A node bundle is the same dumps in one file: the same trace, with lines pointing into the bundle. */
import { describe, expect, it } from 'vitest';
import { parsePacketSpec } from '../sim/packet-spec';
import { simulate } from '../sim/simulate';
import { scenarioFiles } from '../testing/scenario-files';
import { minimalTrace, traceHops } from '../trace/minimal';
import { buildModel } from './build';

function bundle(): string {
  const f = scenarioFiles('pod-to-clusterip');
  const out = ['### hopscope-bundle: 1', '### hopscope-node: node-1'];
  const section = (cmd: string, text: string) => out.push(`### hopscope-section: ${cmd}`, ...text.replace(/\n$/, '').split('\n'));
  section('ip -d addr', f['node-1/ip-addr.txt']!);
  section('ip route', f['node-1/ip-route.txt']!);
  section('iptables-save', f['node-1/iptables-save.txt']!);
  for (const pod of ['client', 'web-1', 'web-2']) {
    out.push(`### hopscope-netns: ${pod}`);
    section('ip -d addr', f[`${pod}/ip-addr.txt`]!);
    section('ip route', f[`${pod}/ip-route.txt`]!);
  }
  return `${out.join('\n')}\n`;
}

describe('node bundles', () => {
  const text = bundle();
  const model = buildModel([{ name: 'node-1.bundle.txt', text }]);
  const packet = parsePacketSpec('tcp 10.244.1.2:40000 > 10.96.0.100:80').value!;

  it('split into the namespaces they describe, without errors', () => {
    expect(model.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(model.nodes).toEqual([{ name: 'node-1', netns: ['node-1', 'node-1/client', 'node-1/web-1', 'node-1/web-2'] }]);
  });

  it('trace exactly as the separate files do, with every rule pointing at its line in the bundle', () => {
    const trace = simulate(model, { from: 'node-1/client', packet });
    expect(minimalTrace(trace).map((l) => l.replace(/ by .*$/, ''))).toEqual([
      'request node-1 PREROUTING: ip.dst 10.96.0.100 -> 10.244.1.5',
      'request node-1 PREROUTING: l4.dport 80 -> 8080',
      'request verdict: delivered',
      'reply node-1 POSTROUTING: ip.src 10.244.1.5 -> 10.96.0.100',
      'reply node-1 POSTROUTING: l4.sport 8080 -> 80',
      'reply verdict: delivered',
    ]);
    const lines = text.split('\n');
    for (const hop of traceHops(trace)) {
      if (!hop.decidedBy) continue;
      expect(hop.decidedBy.span.file).toBe('node-1.bundle.txt');
      expect(lines[hop.decidedBy.span.line - 1]!.trim()).toBe(hop.decidedBy.text);
    }
  });
});
