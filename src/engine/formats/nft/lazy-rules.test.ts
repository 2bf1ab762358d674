import { readdirSync, readFileSync, statSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allDiagnostics, type Diagnostic } from '../../diagnostics';
import { buildModel, runDeferredChecks } from '../../model/build';
import { hostileText, mutatedFixture } from '../ip-link/fuzz-text';
import { LazyNftChain } from './lazy-rules';
import { parseNftRuleset, scanNftRuleset } from './parse';
import type { NftRuleset } from './types';

const dir = new URL('./fixtures/', import.meta.url);
const read = (d: URL) => readdirSync(d).filter((f) => statSync(new URL(f, d)).isFile()).map((f) => readFileSync(new URL(f, d), 'utf8'));
const FIXTURES = [...read(dir), ...read(new URL('./source/', dir))].filter((f) => !f.trimStart().startsWith('{'));

// Rule lines the first pass must end exactly where the eager parser does: strings with braces and
// escapes, comments, `}` closing the chain on the rule's line, an unclosed quote, a `table` line inside a chain.
const CORNERS = [
  'table ip t {\n\tchain c {\n\t\tip saddr { 1.1.1.1, 2.2.2.2 } accept comment "a } b" # handle 4\n\t\ttcp dport 22 drop }\n\tchain d {\n\t\tmeta mark "x\\" }" accept\n\t\tjump nowhere\n\t\tip daddr @nope counter\n\t\tlog prefix "open\n\t}\n}\n',
  'table ip t {\n\tchain c {\n\t\t{ { accept\n\t\t}}} drop\n\t\tfoo bar baz\n\t\txt match "recent" counter\n\t\txt match "recent"\ntable ip u {\n\tchain c {\n\t\t# just a comment\n\t\tcomment "chain comment"\n\t\ttype filter hook input priority 0; policy drop;\n\t\tct state established,related accept\n\t\txt target MASQUERADE',
  'chain loose {\n\tip saddr 10.0.0.1 goto x\n\txt match "a"\n}\ntable ip nat {\n\tchain PREROUTING {\n\t\ttype nat hook prerouting priority dstnat; policy accept;\n\t\tcounter packets 1 bytes 2 xt match "a"\n\t}\n}\nchain loose2 {\n\txt match "a" accept\n}\n',
];
const WORDS = ['table', 'ip', 'chain', 'set', 'map', '{', '}', ';', ',', ':', '.', '@', '"', '"x"', '# handle 3', '#', 'type', 'filter', 'hook', 'input',
  'priority', '0', 'policy', 'accept', 'jump', 'goto', 'c', 'elements', '=', 'comment', 'tcp', 'dport', 'xt', 'match', 'vmap', 'numgen', 'random',
  'mod', '2', '\n', '\n\t', '\\', '}}', '{{'];
const nftLines = fc.array(fc.constantFrom(...WORDS), { maxLength: 80 }).map((ws) => `table ip t {\n\tchain c {\n\t\t${ws.join(' ')}`);

/** Tables with every chain as plain data, rules included (a lazy chain parses them here). */
function plain(r: NftRuleset): unknown {
  return r.tables.map((t) => ({
    ...t,
    chains: t.chains.map((c) => ({ name: c.name, handle: c.handle, comment: c.comment, base: c.base, span: c.span, rules: c.rules })),
  }));
}

const byPosition = (a: Diagnostic, b: Diagnostic) => a.line - b.line || a.column - b.column || (a.endColumn ?? 0) - (b.endColumn ?? 0)
  || a.code.localeCompare(b.code) || JSON.stringify(a.message).localeCompare(JSON.stringify(b.message));

function expectSame(text: string): void {
  const eager = parseNftRuleset(text, 'f');
  const lazy = scanNftRuleset(text, 'f');
  const diagnostics = allDiagnostics(lazy);
  expect(plain(lazy.value)).toEqual(plain(eager.value));
  expect(diagnostics.sort(byPosition)).toEqual([...eager.diagnostics].sort(byPosition));
}

describe('scanNftRuleset (deferred rule bodies)', () => {
  it('gives the same tables, chains, rules and diagnostics as the eager parser on real rulesets and corner cases', () => {
    for (const text of [...FIXTURES, ...CORNERS]) expectSame(text);
  });

  it('gives the same result on damaged and random rulesets', () => {
    fc.assert(fc.property(fc.oneof(mutatedFixture([...FIXTURES, ...CORNERS]), nftLines, hostileText), expectSame), { numRuns: 300 });
  });

  it('parses a chain only when its rules are read, and counts rules without parsing', () => {
    const kube = FIXTURES.find((f) => f.includes('table ip kube-proxy'))!;
    const { value } = scanNftRuleset(kube, 'f');
    const chains = value.tables.flatMap((t) => t.chains) as LazyNftChain[];
    const withRules = chains.filter((c) => c.ruleCount > 0);
    expect(withRules.length).toBeGreaterThan(3);
    expect(chains.every((c) => c instanceof LazyNftChain && c.deferred)).toBe(true);
    const first = withRules[0]!;
    expect(first.rules.length).toBe(first.ruleCount);
    expect(first.deferred).toBe(false);
    expect(withRules[1]!.deferred).toBe(true);
  });

  it('puts rules parsed after the model is built on the lines of the bundle they came from', () => {
    const kube = FIXTURES.find((f) => f.includes('table ip kube-proxy'))!;
    const bundle = `### hopscope-section: ip addr\n1: lo: <LOOPBACK,UP> mtu 65536 state UNKNOWN\n    inet 127.0.0.1/8 scope host lo\n### hopscope-section: nft list ruleset\n${kube}`;
    const offset = bundle.split('\n').indexOf(kube.split('\n')[0]!);
    const model = buildModel([{ name: 'node.bundle', text: bundle }], { deferChecks: true });
    const nft = [...model.netns.values()].find((ns) => ns.nft)!.nft!;
    const eager = parseNftRuleset(kube, 'node.bundle').value;
    const rule = nft.tables[0]!.chains.find((c) => c.rules.length > 0)!.rules[0]!;
    const same = eager.tables[0]!.chains.find((c) => c.rules.length > 0)!.rules[0]!;
    expect(rule.text).toBe(same.text);
    expect(rule.span.line).toBe(same.span.line + offset);
    expect(rule.statements[0]!.span.line).toBe(same.span.line + offset);
  });

  it('reports each rule-level diagnostic once through runDeferredChecks, and all of them without deferChecks', () => {
    const text = CORNERS[0]!;
    const eager = parseNftRuleset(text, 'f.nft').diagnostics.map((d) => `${d.code}@${d.line}:${d.column}`).sort();
    const deferred = buildModel([{ name: 'f.nft', text }], { deferChecks: true });
    deferred.netns.forEach((ns) => ns.nft?.tables.forEach((t) => t.chains.forEach((c) => c.rules)));
    runDeferredChecks(deferred);
    expect(runDeferredChecks(deferred)).toEqual([]);
    expect(deferred.diagnostics.map((d) => `${d.code}@${d.line}:${d.column}`).sort()).toEqual(eager);
    expect(eager.some((d) => d.startsWith('NFT015'))).toBe(true);
    const full = buildModel([{ name: 'f.nft', text }]);
    expect(full.diagnostics.map((d) => `${d.code}@${d.line}:${d.column}`).sort()).toEqual(eager);
  });
});
