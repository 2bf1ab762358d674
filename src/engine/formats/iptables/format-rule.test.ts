import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseIpv4Net } from '../../net/ipv4';
import { formatRuleSave, quoteValue } from './format-rule';
import { parseIptablesSave } from './parse-save';
import { fixture, rule, stripSpans } from './test-support';
import type { Match, Option, Target } from './types';

describe('quoteValue', () => {
  it('writes values bare or quoted like xtables_save_string', () => {
    expect(['kubelet', 'ns1/svc1:p80', 'cali:Cz_u1IQiXIMmKD4c', '', 'a "b"', "it's", 'a\\b', '-x', 'KUBE-SEP-X'].map(quoteValue)).toEqual([
      'kubelet', '"ns1/svc1:p80"', '"cali:Cz_u1IQiXIMmKD4c"', '""', '"a \\"b\\""', '"it\\\'s"', '"a\\\\b"', '"-x"', 'KUBE-SEP-X',
    ]);
  });
});

describe('formatRuleSave', () => {
  it('prints parsed rules back in the canonical save form', () => {
    const text = fixture('kube-proxy-1.29.save.txt');
    const { value } = parseIptablesSave(text, 'f');
    for (const id of ['nat/KUBE-SVC-ERIFXISQEP7F7OF4#2', 'nat/KUBE-SEP-UPD7ND2TPNSDBE6L#2', 'nat/KUBE-FW-GNZBNJ2PO5MGZ6GT#2', 'filter/KUBE-FIREWALL#1', 'nat/KUBE-NODEPORTS#1']) {
      const r = rule(value, id);
      expect(formatRuleSave(r)).toBe(r.text.replace('--nfacct-name  ', '--nfacct-name '));
    }
  });
});

// ---- Round trip: a rule model printed in save form parses back to the same model. ----

const word = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{0,11}$/);
/** Any text on one line: quotes, backslashes, spaces, non-ASCII, `!` and `-` included. */
const value = fc.string({ unit: fc.oneof(fc.constantFrom('"', '\\', "'", ' ', '!', '-', '\t', '/', ':', 'é', '😀'), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })), maxLength: 12 }).filter((s) => !/[\n\r]/.test(s));
const net = fc.tuple(fc.nat(0xffffffff), fc.integer({ min: 0, max: 32 })).map(([addr, len]) => {
  const mask = len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0;
  const a = (addr & mask) >>> 0;
  const text = `${a >>> 24}.${(a >>> 16) & 255}.${(a >>> 8) & 255}.${a & 255}/${len}`;
  return { text, net: parseIpv4Net(text) };
});
const bool = fc.boolean();
const option = (names: fc.Arbitrary<string>, arity: fc.Arbitrary<number>): fc.Arbitrary<Option> =>
  fc.record({ name: names, negate: bool, args: arity.chain((n) => fc.array(value, { minLength: n, maxLength: n })) }) as unknown as fc.Arbitrary<Option>;
/** Options of an unknown module: names no table knows, any number of values. */
const freeOption = option(word.map((w) => `x-${w.toLowerCase()}`), fc.nat(3));
const knownModule = fc.oneof(
  option(fc.constant('comment'), fc.constant(1)).map((o) => ({ module: 'comment', options: [o] })),
  fc.array(option(fc.constantFrom('ctstate', 'ctproto', 'ctdir'), fc.constant(1)), { minLength: 1, maxLength: 3 }).map((options) => ({ module: 'conntrack', options })),
  fc.tuple(option(fc.constant('rcheck'), fc.constant(0)), option(fc.constant('seconds'), fc.constant(1)), option(fc.constant('name'), fc.constant(1)), option(fc.constant('rsource'), fc.constant(0)))
    .map((options) => ({ module: 'recent', options })),
  option(fc.constant('match-set'), fc.constant(2)).map((o) => ({ module: 'set', options: [o] })),
  fc.array(option(fc.constantFrom('dport', 'sport', 'syn'), fc.constant(1)), { minLength: 1, maxLength: 2 }).map((options) => ({ module: 'tcp', options: options.map((o) => (o.name === 'syn' ? { ...o, args: [] } : o)) })),
);
const unknownModule = fc.record({ module: word.map((w) => `xm${w.toLowerCase()}`), options: fc.array(freeOption, { maxLength: 3 }) });
const ruleModel = fc.record({
  chain: fc.stringMatching(/^[A-Za-z][A-Za-z0-9_-]{0,28}$/),
  src: fc.option(fc.tuple(bool, net)),
  dst: fc.option(fc.tuple(bool, net)),
  iif: fc.option(fc.tuple(bool, fc.stringMatching(/^[a-z][a-z0-9._]{0,10}\+?$/))),
  proto: fc.option(fc.tuple(bool, fc.constantFrom('tcp', 'udp', 'icmp', 'sctp', '47', 'all'))),
  implicitPort: fc.option(option(fc.constantFrom('dport', 'sport'), fc.constant(1))),
  modules: fc.array(fc.oneof(knownModule, unknownModule), { maxLength: 4 }),
  target: fc.option(fc.record({ name: fc.stringMatching(/^[A-Z][A-Z0-9_-]{0,15}$/), goto: bool, options: fc.array(freeOption, { maxLength: 3 }) })),
});

describe('round trip: print in save form, parse, get the model back', () => {
  it('holds for arbitrary rules (property)', () => {
    fc.assert(
      fc.property(ruleModel, (model) => {
        const matches: Match[] = [];
        const span = { file: 'f', line: 1, column: 1 };
        if (model.src) matches.push({ kind: 'src', negate: model.src[0], net: model.src[1].net!, text: model.src[1].text, span });
        if (model.dst) matches.push({ kind: 'dst', negate: model.dst[0], net: model.dst[1].net!, text: model.dst[1].text, span });
        if (model.iif) matches.push({ kind: 'iif', negate: model.iif[0], name: model.iif[1], span });
        let implicitProto: string | null = null;
        if (model.proto) {
          const [negate, text] = model.proto;
          matches.push({ kind: 'proto', negate, proto: text === 'all' ? 0 : text === '47' ? 47 : ({ tcp: 6, udp: 17, icmp: 1, sctp: 132 } as Record<string, number>)[text]!, text, span });
          if (!negate && (text === 'tcp' || text === 'udp' || text === 'sctp')) implicitProto = text;
        }
        if (implicitProto && model.implicitPort) {
          matches.push({ kind: 'module', module: implicitProto, implicit: true, options: [{ ...model.implicitPort, span }], span });
        }
        for (const m of model.modules) matches.push({ kind: 'module', module: m.module, implicit: false, options: m.options.map((o) => ({ ...o, span })), span });
        const target: Target | null = model.target ? { ...model.target, options: model.target.options.map((o) => ({ ...o, span })), span } : null;
        const printed = formatRuleSave({ chain: model.chain, matches, target });
        const text = `*filter\n:${model.chain} - [0:0]\n${printed}\nCOMMIT\n`;
        const { value: rs } = parseIptablesSave(text, 'f');
        const parsed = rs.tables.get('filter')?.chains.get(model.chain)?.rules[0];
        expect(parsed?.text).toBe(printed);
        expect(stripSpans(parsed?.matches)).toEqual(stripSpans(matches));
        expect(stripSpans(parsed?.target)).toEqual(stripSpans(target));
      }),
      { numRuns: 400 },
    );
  });
});
