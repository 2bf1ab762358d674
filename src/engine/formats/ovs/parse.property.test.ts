import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SourceSpan } from '../../diagnostics';
import { expectLinear } from '../../testing/linearity';
import { hostileText, mutatedFixture, spansOutside } from '../ip-link/fuzz-text';
import { parseOvsFlows } from './dump-flows';
import type { OvsAction } from './types';
import { parseOvsVsctlShow } from './vsctl-show';

const dir = new URL('./fixtures/', import.meta.url);
const fixtures = readdirSync(dir).map((f) => readFileSync(new URL(f, dir), 'utf8'));

// Fragments of both formats, glued without spaces as often as with them.
const WORDS = [
  '    ', '        ', 'Bridge', 'Port', 'Interface', 'Manager', 'Controller', 'type:', 'options:', '{', '}', '[', ']', '"', '\\"',
  '=', ',', ', ', 'key=flow', 'remote_ip="1.2.3.4"', 'tag:', '10', 'error:', 'ovs_version:', 'cookie=0x0,', 'duration=1.5s,', 'table=0,',
  'n_packets=1,', 'priority=500,ip,in_port="p",nw_dst=10.0.0.0/8', 'actions=', 'ct(', ')', '(', 'nat(src=1.2.3.4)', 'exec(', 'resubmit(,2)',
  'output:1', 'load:0x1->NXM_NX_REG0[]', 'reset_counts', 'NXST_FLOW reply (xid=0x4):',
];
const ovsLines = fc.array(fc.tuple(fc.array(fc.constantFrom(...WORDS), { maxLength: 12 }), fc.constantFrom('', ' ')).map(([ws, sep]) => ws.join(sep)), { maxLength: 20 })
  .map((ls) => ls.join('\n'));

function actionSpans(actions: OvsAction[], out: SourceSpan[]): void {
  for (const a of actions) {
    out.push(a.span);
    for (const arg of a.args) if (arg.kind === 'action') actionSpans([arg.action], out);
  }
}

function check(text: string): void {
  const show = parseOvsVsctlShow(text, 'fuzz');
  const spans: SourceSpan[] = [...show.diagnostics];
  for (const b of show.value.bridges) {
    spans.push(b.span, ...b.controllers.map((c) => c.span));
    for (const p of b.ports) spans.push(p.span, ...p.interfaces.map((i) => i.span));
  }
  const flows = parseOvsFlows(text, 'fuzz');
  spans.push(...flows.diagnostics);
  for (const f of flows.value) {
    spans.push(f.span, ...f.matches.map((m) => m.span));
    actionSpans(f.actions, spans);
  }
  expect(spansOutside(text, spans)).toEqual([]);
}

describe('OVS parsers: properties', () => {
  it('never throw and keep spans inside the text, on arbitrary strings and OVS fragments', () => {
    fc.assert(fc.property(fc.oneof(hostileText, ovsLines), check), { numRuns: 300 });
  });

  it('never throw and keep spans inside the text, on mutated fixtures', () => {
    fc.assert(fc.property(mutatedFixture(fixtures), check), { numRuns: 300 });
  });

  it('read CRLF copies of the fixtures exactly like the originals', () => {
    const strip = (v: unknown) => JSON.stringify(v, (k, x) => (k === 'span' ? undefined : x));
    for (const text of fixtures) {
      const crlf = text.split('\n').join('\r\n');
      expect(strip(parseOvsVsctlShow(crlf, 'f').value)).toEqual(strip(parseOvsVsctlShow(text, 'f').value));
      expect(strip(parseOvsFlows(crlf, 'f').value)).toEqual(strip(parseOvsFlows(text, 'f').value));
    }
  });

  it('is linear: n flows and a bridge of n ports parse in time proportional to n', () => {
    const flow = (i: number) => ` cookie=0x${i.toString(16)}, duration=1.0s, table=${i % 80}, n_packets=0, n_bytes=0, priority=${i % 1000},ip,reg14=0x${i.toString(16)},metadata=0x3,nw_dst=10.${i & 255}.0.0/16 actions=ct(commit,table=2,zone=NXM_NX_REG13[0..15],nat(src=169.254.169.2)),load:0x1->NXM_NX_REG10[7],resubmit(,22)`;
    const flows = (n: number) => Array.from({ length: n }, (_, i) => flow(i)).join('\n');
    expectLinear('dump-flows', flows, (t) => parseOvsFlows(t, 'f'), { n: 50, check: (r, n) => expect(r.value).toHaveLength(n) });
    const port = (i: number) => `        Port p${i}\n            Interface p${i}\n                type: geneve\n                options: {csum="true", key=flow, remote_ip="10.0.${i >> 8}.${i & 255}"}`;
    const bridge = (n: number) => ['    Bridge br-int', ...Array.from({ length: n }, (_, i) => port(i))].join('\n');
    expectLinear('vsctl show', bridge, (t) => parseOvsVsctlShow(t, 's'), { n: 120, check: (r, n) => expect(r.value.bridges[0]!.ports).toHaveLength(n) });
  });

  // Deep parentheses, long quotes, many commas: n is the number of repeats.
  const HOSTILE: [string, (n: number) => string, number][] = [
    ['ct( nesting', (n) => `actions=${'ct('.repeat(n)}`, 150],
    ['balanced parentheses', (n) => `actions=${'('.repeat(n)}${')'.repeat(n)}`, 8000],
    ['many commas', (n) => `x actions=${'a,'.repeat(n)}`, 2000],
    ['long options map', (n) => `options: {${'a=b, '.repeat(n)}}`, 800],
    ['backslash flood in a quote', (n) => `    Bridge "${'\\'.repeat(n)}`, 30_000],
    ['exec( nesting', (n) => `actions=exec(${'exec('.repeat(n)}`, 100],
    ['quote flood', (n) => '"'.repeat(n), 30_000],
  ];
  it.each(HOSTILE)('stays linear on pathological input: %s', (label, make, n) => {
    const parse = (text: string) => [parseOvsVsctlShow(text, 'f'), parseOvsFlows(text, 'f')];
    expectLinear(label, make, parse, { n, check: (_, __, text) => check(text) });
  });
});
