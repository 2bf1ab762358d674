import { readdirSync, readFileSync, statSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SourceSpan } from '../../diagnostics';
import { expectLinear } from '../../testing/linearity';
import { hostileText, mutatedFixture, spansOutside } from '../ip-link/fuzz-text';
import { parseNftRuleset } from './parse';
import { parseNftJson } from './parse-json';
import type { NftElement, NftExpr, NftRuleset } from './types';

const dir = new URL('./fixtures/', import.meta.url);
const read = (d: URL) => readdirSync(d).filter((f) => statSync(new URL(f, d)).isFile()).map((f) => readFileSync(new URL(f, d), 'utf8'));
const fixtures = [...read(dir), ...read(new URL('./source/', dir))];
const textFixtures = fixtures.filter((f) => !f.trimStart().startsWith('{'));
const jsonFixtures = fixtures.filter((f) => f.trimStart().startsWith('{'));

// nft's own words and punctuation, glued in odd ways, to reach the parser's corners.
const WORDS = [
  'table', 'ip', 'ip6', 'inet', 'bridge', 'netdev', 'chain', 'set', 'map', 'flowtable', 'counter', 'quota', '{', '}', ';', ',', ':', '.', '@',
  '(', ')', '|', '&', '!=', '==', '<', '/', '-', 'type', 'filter', 'nat', 'hook', 'input', 'priority', 'dstnat', 'policy', 'drop', 'accept',
  'jump', 'goto', 'return', 'elements', '=', 'flags', 'interval,timeout', 'timeout', '3h', 'comment', '"x"', '"', '# handle 3', '#',
  'saddr', 'daddr', 'tcp', 'dport', 'th', 'meta', 'l4proto', 'mark', 'ct', 'state', 'new,established', 'fib', 'oif', 'missing', 'numgen',
  'random', 'mod', '2', 'vmap', 'jhash', 'offset', 'dnat', 'to', '10.0.0.1:80', '[fd00::1]:53', ':443', 'masquerade', 'fully-random',
  'reject', 'with', 'icmpx', 'update', 'xt', 'match', 'log', 'prefix', 'limit', 'rate', '10/second', 'burst', 'tcp option', 'set',
  '10.0.0.0/8', '1-5', '0x4000', 'service-ABC-ns/svc/tcp/p', '\n', '\n\t', '\t\t',
];
const nftLines = fc.array(fc.constantFrom(...WORDS), { maxLength: 80 }).map((ws) => ws.join(' '));
// JSON-ish fragments for the JSON parser.
const JSON_BITS = ['{', '}', '[', ']', ',', ':', '"nftables"', '"table"', '"chain"', '"rule"', '"set"', '"expr"', '"match"', '"left"', '"right"',
  '"op"', '"=="', '"payload"', '"ip"', '"family"', '"name"', '"t"', '1', 'null', '"\\"', '"vmap"', '"set"', '"elem"', '"concat"', '"&"'];
const jsonish = fc.array(fc.constantFrom(...JSON_BITS), { maxLength: 120 }).map((ws) => `{"nftables": [${ws.join('')}`);

function exprSpans(e: NftExpr | undefined, out: SourceSpan[]): void {
  if (!e) return;
  if (e.kind === 'set') for (const el of e.elements) elementSpans(el, out);
  else if (e.kind === 'map') { exprSpans(e.key, out); exprSpans(e.data, out); }
  else if (e.kind === 'concat') for (const p of e.parts) exprSpans(p, out);
  else if (e.kind === 'binop') { exprSpans(e.left, out); exprSpans(e.right, out); }
}
function elementSpans(el: NftElement, out: SourceSpan[]): void {
  out.push(el.span);
  exprSpans(el.key, out);
  exprSpans(el.data, out);
}

function spans(r: NftRuleset): SourceSpan[] {
  const out: SourceSpan[] = [];
  for (const t of r.tables) {
    out.push(t.span, ...t.objects.map((o) => o.span));
    for (const s of t.sets) {
      out.push(s.span);
      for (const el of s.elements) elementSpans(el, out);
    }
    for (const c of t.chains) {
      out.push(c.span);
      for (const rule of c.rules) {
        out.push(rule.span);
        for (const s of rule.statements) {
          out.push(s.span);
          if (s.kind === 'match') exprSpans(s.right, out);
          if (s.kind === 'vmap') exprSpans(s.map, out);
        }
      }
    }
  }
  return out;
}

function check(text: string): void {
  for (const { value, diagnostics } of [parseNftRuleset(text, 'fuzz'), parseNftJson(text, 'fuzz')]) {
    expect(spansOutside(text, [...diagnostics, ...spans(value)])).toEqual([]);
    for (const t of value.tables) for (const c of t.chains) for (const r of c.rules) expect(r.opaque).toBe(r.statements.some((s) => s.kind === 'opaque' || s.kind === 'xt'));
  }
}

describe('nft parsers: properties', () => {
  it('never throw and keep spans inside the text, on arbitrary strings and nft words', () => {
    fc.assert(fc.property(fc.oneof(hostileText, nftLines, jsonish), check), { numRuns: 300 });
  });

  it('never throw and keep spans inside the text, on mutated text fixtures', () => {
    fc.assert(fc.property(mutatedFixture(textFixtures), check), { numRuns: 150 });
  });

  it('never throw and keep spans inside the text, on mutated JSON fixtures', () => {
    fc.assert(fc.property(mutatedFixture(jsonFixtures), check), { numRuns: 60 });
  });

  it('read CRLF copies of the fixtures exactly like the originals', () => {
    const strip = (r: NftRuleset) => JSON.stringify(r, (k, v) => (k === 'span' || k === 'text' ? undefined : v));
    for (const text of textFixtures) expect(strip(parseNftRuleset(text.split('\n').join('\r\n'), 'f').value)).toEqual(strip(parseNftRuleset(text, 'f').value));
    for (const text of jsonFixtures) expect(strip(parseNftJson(text.split('\n').join('\r\n'), 'f').value)).toEqual(strip(parseNftJson(text, 'f').value));
  });

  it('is linear: a kube-proxy table of n services (4 rules and a map element each) parses in time proportional to n', () => {
    const table = (n: number) => {
      const chains: string[] = [];
      const elems: string[] = [];
      for (let i = 0; i < n; i++) {
        const svc = `service-H${i}-ns${i % 50}/svc${i}/tcp/http`;
        const ip = `10.96.${(i >> 8) & 255}.${i & 255}`;
        elems.push(`${ip} . tcp . 80 : goto ${svc}`);
        chains.push(`\tchain ${svc} {\n\t\tip daddr ${ip} tcp dport 80 ip saddr != 10.244.0.0/16 jump mark-for-masquerade\n\t\tnumgen random mod 2 vmap { 0 : goto endpoint-A${i}, 1 : goto endpoint-B${i} }\n\t}`);
        chains.push(`\tchain endpoint-A${i} {\n\t\tip saddr 10.244.1.${i & 255} jump mark-for-masquerade\n\t\tmeta l4proto tcp dnat to 10.244.1.${i & 255}:8080\n\t}`);
        chains.push(`\tchain endpoint-B${i} {\n\t}`);
      }
      return `table ip kube-proxy {\n\tmap service-ips {\n\t\ttype ipv4_addr . inet_proto . inet_service : verdict\n\t\telements = { ${elems.join(',\n\t\t\t     ')} }\n\t}\n\tchain mark-for-masquerade {\n\t}\n${chains.join('\n')}\n}\n`;
    };
    expectLinear('kube-proxy table', table, (t) => parseNftRuleset(t, 'big'), {
      n: 25,
      check: ({ value, diagnostics }, n) => {
        expect(value.tables[0]!.sets[0]!.elements).toHaveLength(n);
        expect(value.tables[0]!.chains).toHaveLength(3 * n + 1);
        expect(diagnostics).toEqual([]);
      },
    });
  });

  // Pathological input for both parsers; n is the number of repeats.
  const HOSTILE: [string, (n: number) => string, number][] = [
    ['open braces in a chain', (n) => `table ip t {\n\tchain c {\n\t\t${'{ '.repeat(n)}\n\t}\n}`, 2000],
    ['unterminated element list', (n) => `table ip t {\n\tset s {\n\t\telements = { ${'a, '.repeat(n)}`, 1000],
    ['brace flood', (n) => '{'.repeat(n), 5000],
    ['quote flood', (n) => '"'.repeat(n), 10_000],
    ['endless concatenation', (n) => `table ip t {\n\tchain c {\n\t\t${'ip saddr . '.repeat(n)}\n`, 1000],
    ['table keywords', (n) => 'table '.repeat(n), 1000],
    ['JSON bracket flood', (n) => `{"nftables": [${'['.repeat(n)}`, 5000],
    // n rules nested 100 deep: see the todo below for the nesting depth itself.
    ['deeply nested JSON binops', (n) => `{"nftables": [${Array.from({ length: n }, () => `{"rule": {"family": "ip", "table": "t", "chain": "c", "expr": [${'{"&": ['.repeat(100)}1, 2${']}'.repeat(100)}]}}`).join(', ')}]}`, 5],
    ['long binop chain', (n) => `table ip t {\n\tchain c {\n\t\t${'meta mark & '.repeat(n)}1\n`, 600],
    ['wide JSON binop', (n) => `{"nftables": [{"rule": {"family": "ip", "table": "t", "chain": "c", "expr": [{"match": {"op": "==", "right": 1, "left": {"&": [${'1,'.repeat(n)}1]}}}]}}]}`, 1500],
    ['parenthesis flood', (n) => '(('.repeat(n), 1000],
  ];
  it.each(HOSTILE)('stays linear on pathological input: %s', (label, make, n) => {
    const parse = (text: string) => [parseNftRuleset(text, 'fuzz'), parseNftJson(text, 'fuzz')];
    expectLinear(label, make, parse, { n, check: (_, __, text) => check(text) });
  });

  const deepJson = (n: number) => `{"nftables": [{"rule": {"family": "ip", "table": "t", "chain": "c", "expr": [${'{"&": ['.repeat(n)}1, 2${']}'.repeat(n)}]}}]}`;
  it('stays linear in the nesting depth of JSON, for the text parser', () => {
    expectLinear('JSON binop nested n deep, text parser', deepJson, (t) => parseNftRuleset(t, 'fuzz'), { n: 300, check: (_, __, text) => check(text) });
  });
  it('stays linear in the nesting depth of JSON, for the JSON parser (an opaque rule keeps a bounded text)', () => {
    expectLinear('JSON binop nested n deep, JSON parser', deepJson, (t) => parseNftJson(t, 'fuzz'), {
      n: 300,
      check: ({ value }, _, text) => {
        check(text);
        const rule = value.tables[0]!.chains[0]!.rules[0]!;
        expect(rule.opaque).toBe(true);
        expect(rule.text.length).toBeLessThanOrEqual(2000);
      },
    });
  });
});
