import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allDiagnostics } from '../../diagnostics';
import { buildModel, deferredCheckSteps, runDeferredChecks } from '../../model/build';
import { DeferredChain, ruleCount } from './lazy-chains';
import { parseIptablesSave, scanIptablesSave } from './parse-save';
import { fixture, mutated } from './test-support';
import type { Chain, IptablesRuleset } from './types';

const FIXTURES = ['kube-proxy-1.29.save.txt', 'calico.save.txt', 'docker.save.txt', 'ip6tables.save.txt', 'legacy-1.4.7.save.txt'].map(fixture);

/** Every chain as plain data, rules included (a lazy chain parses them here). */
function plain(rs: IptablesRuleset): unknown {
  return [...rs.tables.values()].map((t) => ({
    name: t.name,
    span: t.span,
    chains: [...t.chains.values()].map((c: Chain) => ({ name: c.name, builtin: c.builtin, policy: c.policy, counters: c.counters, span: c.span, rules: c.rules })),
  }));
}

/** The lazy form, forced: its structure and rules, and its diagnostics with the deferred ones. */
function forced(text: string, file: string) {
  const r = scanIptablesSave(text, file);
  const diagnostics = allDiagnostics(r).sort((a, b) => a.line - b.line || a.column - b.column);
  return { value: plain(r.value), family: r.value.family, diagnostics };
}

describe('scanIptablesSave (deferred rule bodies)', () => {
  it('gives the same chains, rules and diagnostics as the eager parser on real dumps', () => {
    for (const text of FIXTURES) {
      const eager = parseIptablesSave(text, 'f');
      const lazy = forced(text, 'f');
      expect(lazy.value).toEqual(plain(eager.value));
      expect(lazy.family).toBe(eager.value.family);
      expect(lazy.diagnostics).toEqual(eager.diagnostics);
    }
  });

  it('gives the same result on damaged dumps (mutated lines, -I, counters, quotes)', () => {
    const extra = '*filter\n:INPUT ACCEPT [0:0]\n:X - [0:0]\n[3:4] -A X -j ACCEPT\n-I X 1 -p tcp --dport 80 -j DROP\n-A "X" -j RETURN\n-A Y -m comment --comment "open\n-A\n-A -j X\n-A X -j NOPE\nCOMMIT\n';
    fc.assert(
      fc.property(fc.constantFrom(...FIXTURES, extra).chain((text) => mutated(text)), (damaged) => {
        const eager = parseIptablesSave(damaged, 'f');
        const lazy = forced(damaged, 'f');
        expect(lazy.value).toEqual(plain(eager.value));
        expect(lazy.diagnostics).toEqual(eager.diagnostics);
      }),
      { numRuns: 60 },
    );
  });

  it('parses a chain only when its rules are read, and counts rules without parsing', () => {
    const { value } = scanIptablesSave(FIXTURES[0]!, 'f');
    const nat = value.tables.get('nat')!;
    const chains = [...nat.chains.values()] as DeferredChain[];
    const withRules = chains.filter((c) => ruleCount(c) > 0);
    expect(withRules.length).toBeGreaterThan(3);
    expect(withRules.every((c) => c.deferred)).toBe(true);
    const first = withRules[0]!;
    expect(first.rules.length).toBe(ruleCount(first));
    expect(first.deferred).toBe(false);
    expect(withRules.slice(1).every((c) => c.deferred)).toBe(true);
  });

  it('puts rules of a bundle section on the bundle lines, also when parsed after the model is built', () => {
    const save = FIXTURES[0]!;
    const bundle = `### hopscope-node: n1\n### hopscope-section: ip addr\n1: lo: <LOOPBACK,UP> mtu 65536 qdisc noqueue state UNKNOWN\n    inet 127.0.0.1/8 scope host lo\n### hopscope-section: iptables-save\n${save}`;
    const offset = bundle.split('\n').indexOf(save.split('\n')[0]!);
    const model = buildModel([{ name: 'b.txt', text: bundle }], { deferChecks: true });
    const ns = [...model.netns.values()].find((n) => n.iptables)!;
    const eager = parseIptablesSave(save, 'b.txt').value;
    for (const table of eager.tables.values()) {
      for (const chain of table.chains.values()) {
        const lazy = ns.iptables!.tables.get(table.name)!.chains.get(chain.name)!;
        expect(lazy.rules.map((r) => r.span.line)).toEqual(chain.rules.map((r) => r.span.line + offset));
        for (const r of lazy.rules) expect(bundle.split('\n')[r.span.line - 1]).toContain(r.text);
      }
    }
  });

  it('defers the rule-level diagnostics of buildModel until runDeferredChecks, which finds each once', () => {
    const text = '*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -p tcp --dport 99999 -j ACCEPT\n-A INPUT -j NOWHERE\nCOMMIT\n';
    const full = buildModel([{ name: 'a.txt', text }]).diagnostics.map((d) => d.code);
    expect(full).toEqual(['IPT010', 'IPT012']);
    const model = buildModel([{ name: 'a.txt', text }], { deferChecks: true });
    expect(model.diagnostics).toEqual([]);
    expect(runDeferredChecks(model).map((d) => d.code)).toEqual(['IPT010', 'IPT012']);
    expect(runDeferredChecks(model)).toEqual([]);
    expect(model.diagnostics.map((d) => d.code)).toEqual(['IPT010', 'IPT012']);
  });

  it("keeps the first pass's diagnostics in a model built with deferChecks; the checks add the rest", () => {
    // An undeclared chain and a missing COMMIT (first pass), a bad port (rule level).
    const text = '*filter\n:INPUT ACCEPT [0:0]\n-A NOPE -j ACCEPT\n-A INPUT -p tcp --dport 99999 -j ACCEPT\n';
    const eager = buildModel([{ name: 'a.txt', text }]).diagnostics.map((d) => `${d.line} ${d.code}`).sort();
    const model = buildModel([{ name: 'a.txt', text }], { deferChecks: true });
    const first = model.diagnostics.map((d) => `${d.line} ${d.code}`);
    expect(first.length).toBeGreaterThan(0);
    runDeferredChecks(model);
    expect(model.diagnostics.map((d) => `${d.line} ${d.code}`).sort()).toEqual(eager);
  });

  it('runs the deferred checks a chain per step, and the steps find what the eager parse finds', () => {
    // Problems in three chains, listed out of line order, in two files.
    const text = [
      '*filter', ':INPUT ACCEPT [0:0]', ':A - [0:0]', ':B - [0:0]',
      '-A B -j NOWHERE', '-A INPUT -p tcp --dport 99999 -j ACCEPT', '-A A -p udp --sport 70000 -j ACCEPT', '-A A -j ACCEPT', 'COMMIT', '',
    ].join('\n');
    const inputs = [{ name: 'a.txt', text }, { name: 'b.txt', text, node: 'other' }];
    const eager = buildModel(inputs).diagnostics.map((d) => `${d.file}:${d.line} ${d.code}`);
    const model = buildModel(inputs, { deferChecks: true });
    const steps = deferredCheckSteps(model);
    let count = 0;
    let s = steps.next();
    for (; !s.done; s = steps.next()) {
      count++;
      expect(model.diagnostics).toEqual([]); // nothing half-done is shown
    }
    // Three chains with rules in each file, one step each.
    expect(count).toBe(6);
    expect(s.value.map((d) => `${d.file}:${d.line} ${d.code}`)).toEqual(eager);
    expect(model.diagnostics.map((d) => `${d.file}:${d.line} ${d.code}`)).toEqual(eager);
    expect(runDeferredChecks(model)).toEqual([]);
  });
});
