import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SourceSpan } from '../../diagnostics';
import { expectLinear } from '../../testing/linearity';
import { hostileText, mutatedFixture, spansOutside } from '../ip-link/fuzz-text';
import { buildIpNames, parseKubectlNodes, parseKubectlPods, parseKubectlServices } from './index';

const dir = new URL('./fixtures/', import.meta.url);
const fixtures = readdirSync(dir).map((f) => readFileSync(new URL(f, dir), 'utf8'));
const WORDS = ['NAME', 'READY', 'STATUS', 'RESTARTS', 'TYPE', 'CLUSTER-IP', 'ROLES', 'NOMINATED', 'NODE', 'IP', '(5m', 'ago)', '(', ')',
  '<none>', '<pending>', 'None', '80:30080/TCP,443/UDP', '10.0.0.1', ':', '/', ',', '   ', '\t'];
const tables = fc.array(fc.array(fc.constantFrom(...WORDS), { maxLength: 14 }).map((w) => w.join(' ')), { maxLength: 10 }).map((l) => l.join('\n'));

function check(text: string): void {
  const pods = parseKubectlPods(text, 'fuzz');
  const svcs = parseKubectlServices(text, 'fuzz');
  const nodes = parseKubectlNodes(text, 'fuzz');
  const spans: SourceSpan[] = [...pods.diagnostics, ...svcs.diagnostics, ...nodes.diagnostics,
    ...pods.value.pods.map((p) => p.span), ...svcs.value.services.map((s) => s.span), ...nodes.value.nodes.map((n) => n.span)];
  expect(spansOutside(text, spans)).toEqual([]);
  buildIpNames({ pods: pods.value.pods, services: svcs.value.services, nodes: nodes.value.nodes });
}

describe('kubectl parsers properties', () => {
  it('never throw and keep spans inside the text, on arbitrary strings and table words', () => {
    fc.assert(fc.property(fc.oneof(hostileText, tables), check), { numRuns: 300 });
  });

  it('never throw and keep spans inside the text, on mutated fixtures', () => {
    fc.assert(fc.property(mutatedFixture(fixtures), check), { numRuns: 300 });
  });

  it('read CRLF copies of the fixtures exactly like the originals', () => {
    const all = (t: string) => JSON.stringify([parseKubectlPods(t, 'f').value, parseKubectlServices(t, 'f').value, parseKubectlNodes(t, 'f').value]);
    for (const text of fixtures) expect(all(text.split('\n').join('\r\n'))).toEqual(all(text));
  });

  it('is linear: n pods parse in time proportional to n', () => {
    const header = 'NAMESPACE   NAME          READY   STATUS    RESTARTS     AGE   IP            NODE';
    const table = (n: number) => [header, ...Array.from({ length: n }, (_, i) => `default     web-${String(i).padStart(7, '0')}   1/1     Running   2 (5m ago)   3d    10.244.${(i >> 8) & 255}.${i & 255}   node-1`)].join('\n');
    expectLinear('kubectl get pods', table, (t) => parseKubectlPods(t, 'big'), { n: 100, check: (r, n) => expect(r.value.pods).toHaveLength(n) });
  });

  const HOSTILE: [string, (n: number) => string, number][] = [
    ['header words', (n) => 'NAME '.repeat(n), 1000],
    ['open parentheses', (n) => `NAME READY STATUS RESTARTS\n${'( '.repeat(n)}`, 2500],
    ['port list', (n) => `NAME TYPE CLUSTER-IP PORT(S)\nx ClusterIP 1.1.1.1 ${'1/TCP,'.repeat(n)}`, 1500],
    ['escape sequences', (n) => '\x1b['.repeat(n), 10_000],
  ];
  it.each(HOSTILE)('stays linear on hostile floods: %s', (label, make, n) => {
    expectLinear(label, make, (t) => [parseKubectlPods(t, 'f'), parseKubectlServices(t, 'f'), parseKubectlNodes(t, 'f')], { n });
  });
});
