import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatNftStatement } from './format';
import { parseNftRuleset } from './parse';
import { parseNftJson } from './parse-json';
import type { NftRuleset } from './types';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const codes = (diags: { code: string; severity: string; line: number; column: number }[]) =>
  diags.map((d) => `${d.code} ${d.severity} ${d.line}:${d.column}`);

/**
 * Everything the evaluators use, one line per object: text and JSON must agree on all of it.
 * Quotes are dropped (JSON does not say a name was quoted) and two nft 1.0.6 JSON quirks are
 * evened out: it omits the `dynamic` set flag and netdev chains' devices, and spells out reject's default.
 */
function outline(r: NftRuleset): string[] {
  const stmt = (s: Parameters<typeof formatNftStatement>[0]) => formatNftStatement(s).replaceAll('"', '').replace('reject with icmp port-unreachable', 'reject');
  return r.tables.flatMap((t) => [
    `table ${t.family} ${t.name} #${t.handle}`,
    ...t.sets.map((s) => `  ${s.kind} ${s.name} #${s.handle} ${s.keyType.join(' . ')}${s.dataType ? ` : ${s.dataType}` : ''} [${s.flags.filter((f) => f !== 'dynamic')}] ${s.timeoutSeconds ?? ''} ${s.size ?? ''} ${s.comment ?? ''} ${s.elements.map((e) => `${formatNftStatement({ kind: 'vmap', key: e.key, map: e.data ?? e.key, text: '', span: e.span })}${e.comment ?? ''}`).join(', ')}`),
    ...t.objects.map((o) => `  ${o.kind} ${o.name} #${o.handle}`),
    ...t.chains.flatMap((c) => [
      `  chain ${c.name} #${c.handle}${c.base ? ` ${c.base.type} ${c.base.hook} ${c.base.priority.value} ${c.base.policy}` : ''}`,
      ...c.rules.map((x) => `    #${x.handle} ${x.statements.map(stmt).join(' ; ')}${x.comment ? ` // ${x.comment}` : ''}${x.opaque ? ' (opaque)' : ''}`),
    ]),
  ]);
}

describe('parseNftJson', () => {
  it('builds the same AST as the text parser for kube-proxy and flannel', () => {
    const text = parseNftRuleset(fixture('kube-proxy-flannel-handles.txt'), 't').value;
    const { value, diagnostics } = parseNftJson(fixture('kube-proxy-flannel.json'), 'kp.json');
    expect(outline(value)).toEqual(outline(text));
    expect(value).toMatchObject({ format: 'json', nftVersion: '1.0.6', files: ['kp.json'] });
    expect(diagnostics).toEqual([]);
  });

  it('builds the same AST as the text parser for a firewall with every family and objects', () => {
    const text = parseNftRuleset(fixture('firewall-handles.txt'), 't').value;
    const { value, diagnostics } = parseNftJson(fixture('firewall.json'), 'fw.json');
    expect(outline(value)).toEqual(outline(text));
    expect(codes(diagnostics)).toEqual(['NFT012 info 1:174', 'NFT012 info 1:289']);
  });

  it('reads what iptables-nft really put in its tables, and flags them', () => {
    const { value, diagnostics } = parseNftJson(fixture('iptables-nft.json'), 'ipt.json');
    expect(value.tables.map((t) => [t.name, t.managedByIptables])).toEqual([['nat', true], ['filter', true]]);
    const sep = value.tables[0]!.chains.find((c) => c.name === 'KUBE-SEP-UPD7ND2TPNSDBE6L')!;
    expect(sep.rules[1]!.statements.map(formatNftStatement)).toEqual(['meta l4proto == tcp', 'xt match comment', 'xt match recent', 'xt match tcp', 'counter', 'xt target DNAT']);
    expect(codes(diagnostics).filter((c) => c.startsWith('NFT010'))).toHaveLength(2);
    expect(diagnostics.filter((d) => d.code === 'NFT009').map((d) => d.message)).toContain('iptables compat expression "xt target DNAT": its options are not in nft output; not simulated.');
  });

  it('gives pretty-printed objects their own line, and compact ones line 1 with their column', () => {
    const pretty = parseNftJson(fixture('flannel-pretty.json'), 'p.json').value;
    const postrtg = pretty.tables[0]!.chains.find((c) => c.name === 'postrtg')!;
    expect(pretty.tables[0]!.span).toMatchObject({ line: 10, column: 5 });
    expect(postrtg.rules.map((r) => r.span.line)).toEqual([101, 125, 172, 219, 266, 315]);
    expect(postrtg.rules[0]!.statements[0]!.span).toEqual(postrtg.rules[0]!.span);
    const compact = parseNftJson(fixture('kube-proxy-flannel.json'), 'c.json').value;
    expect(compact.tables[0]!.span).toEqual({ file: 'c.json', line: 1, column: 112, endColumn: 174 });
  });

  it('keeps the intact elements of a truncated or damaged paste', () => {
    const full = fixture('kube-proxy-flannel.json');
    const cut = full.slice(0, full.indexOf('"name": "services"') + 40);
    const { value, diagnostics } = parseNftJson(cut, 'cut.json');
    expect(value.tables[0]!.chains.length).toBeGreaterThan(10);
    expect(codes(diagnostics).filter((c) => c.startsWith('NFT013'))).toHaveLength(1);
    const damaged = '{"nftables": [{"table": {"family": "ip", "name": "t"}}, {"chain": {oops}}, {"chain": {"family": "ip", "table": "t", "name": "c"}}, {"bogus": {}}, 42]}';
    const r = parseNftJson(damaged, 'd.json');
    expect(r.value.tables[0]!.chains.map((c) => c.name)).toEqual(['c']);
    expect(codes(r.diagnostics)).toEqual(['NFT013 error 1:57', 'NFT014 warning 1:132', 'NFT014 warning 1:147']);
  });

  it('keeps unknown expressions as opaque JSON and reports text that is not nft -j output', () => {
    const json = '{"nftables": [{"table": {"family": "inet", "name": "t"}}, {"chain": {"family": "inet", "table": "t", "name": "c"}},'
      + ' {"rule": {"family": "inet", "table": "t", "chain": "c", "handle": 4, "expr": [{"match": {"op": "==", "left": {"socket": {"key": "transparent"}}, "right": 1}}, {"accept": null}]}}]}';
    const { value, diagnostics } = parseNftJson(json, 'o.json');
    const rule = value.tables[0]!.chains[0]!.rules[0]!;
    expect(rule.statements.map((s) => s.kind)).toEqual(['opaque', 'verdict']);
    expect(rule.opaque).toBe(true);
    expect(rule.statements[0]!.text).toBe('{"match":{"op":"==","left":{"socket":{"key":"transparent"}},"right":1}}');
    expect(codes(diagnostics)).toEqual(['NFT008 warning 1:117']);
    expect(codes(parseNftJson('{"other": 1}', 'x').diagnostics)).toEqual(['NFT013 error 1:1']);
    expect(codes(parseNftJson('', 'x').diagnostics)).toEqual(['NFT013 error 1:1']);
  });
});
