/** The chain walk on small hand-written rulesets: one behaviour of ipt_do_table per test. */
import { describe, expect, it } from 'vitest';
import { parseIptablesSave } from '../formats/iptables';
import type { TableName } from '../formats/iptables/types';
import type { Packet } from '../trace/packet';
import type { Hook } from '../trace/types';
import { walkTable, type TableResult } from './evaluate-table';

function packet(over: Partial<Packet['ip']> = {}, l4 = { sport: 40000, dport: 80, flags: 'S' }): Packet {
  return { eth: null, ip: { src: '10.244.1.2', dst: '10.96.0.10', proto: 6, ttl: 64, ...over }, l4, meta: { mark: 0, ctmark: 0, ctstate: 'NEW', ctdir: 'ORIGINAL', ctnat: [] }, length: 60 };
}

function walk(rules: string, opts: { table?: TableName; hook?: Hook; pkt?: Packet; iif?: string; oif?: string; choices?: Record<string, string> } = {}): TableResult {
  const table = opts.table ?? 'filter';
  const parsed = parseIptablesSave(`*${table}\n${rules}\nCOMMIT\n`, 'r.txt');
  expect(parsed.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const result = walkTable(opts.pkt ?? packet(), {
    ruleset: parsed.value,
    table,
    hook: opts.hook ?? 'FORWARD',
    scope: 'n',
    choices: opts.choices ?? {},
    match: { hook: opts.hook ?? 'FORWARD', iif: opts.iif ?? 'eth0', oif: opts.oif ?? 'cni0', addrType: (ip) => (ip === '192.168.56.11' ? 'LOCAL' : 'UNICAST'), inSet: () => null },
    target: { iif: opts.iif ?? 'eth0', oif: opts.oif ?? 'cni0', primaryAddress: () => '192.168.56.11' },
  });
  expect(result).not.toBeNull();
  return result!;
}

const trail = (r: TableResult) => r.visits.map((v) => `${v.chain}${v.resumed ? '*' : ''}:${v.rules.filter((x) => x.matched).map((x) => x.rule.position).join(',')}`);

describe('walkTable', () => {
  it('returns from a user chain to the rule after the jump, and applies the policy at the end', () => {
    const r = walk(':FORWARD DROP [0:0]\n:A - [0:0]\n-A FORWARD -j A\n-A FORWARD -s 10.0.0.0/8 -j ACCEPT\n-A A -p tcp -j RETURN\n-A A -j ACCEPT');
    expect(trail(r)).toEqual(['FORWARD:1', 'A:1', 'FORWARD*:2']);
    expect(r.verdict).toEqual({ kind: 'accept' });
    expect(r.decidedBy).toMatchObject({ chain: 'FORWARD', position: 2 });
    const dropped = walk(':FORWARD DROP [0:0]\n-A FORWARD -s 192.168.0.0/16 -j ACCEPT');
    expect(dropped.verdict).toEqual({ kind: 'drop', reject: false });
    expect(dropped.visits[0]!.outcome).toEqual({ kind: 'policy', policy: 'DROP' });
  });

  it('goto does not come back: the end of the goto chain returns to the caller below', () => {
    const r = walk(':FORWARD ACCEPT [0:0]\n:A - [0:0]\n:B - [0:0]\n-A FORWARD -j A\n-A FORWARD -j DROP\n-A A -g B\n-A A -j ACCEPT\n-A B -p udp -j ACCEPT');
    // B runs out; with goto, control returns to FORWARD (A's caller), whose next rule drops.
    expect(trail(r)).toEqual(['FORWARD:1', 'A:1', 'B:', 'FORWARD*:2']);
    expect(r.verdict).toMatchObject({ kind: 'drop' });
  });

  it('RETURN in a built-in chain applies its policy', () => {
    const r = walk(':FORWARD DROP [0:0]\n-A FORWARD -p tcp -j RETURN\n-A FORWARD -j ACCEPT');
    expect(r.verdict).toMatchObject({ kind: 'drop' });
  });

  it('computes MARK as (old & ~mask) ^ value and tests it with -m mark', () => {
    const r = walk(':FORWARD DROP [0:0]\n-A FORWARD -j MARK --set-xmark 0x4000/0x4000\n-A FORWARD -j MARK --set-xmark 0x1/0x0\n-A FORWARD -m mark ! --mark 0x4001 -j DROP\n-A FORWARD -m mark --mark 0x4000/0x4000 -j ACCEPT');
    expect(r.packet.meta.mark).toBe(0x4001);
    expect(r.verdict).toEqual({ kind: 'accept' });
    expect(r.decidedBy!.position).toBe(4);
    const xor = walk(':FORWARD ACCEPT [0:0]\n-A FORWARD -j MARK --set-xmark 0x4000/0x0\n-A FORWARD -j MARK --set-xmark 0x4000/0x0', { pkt: packet() });
    expect(xor.packet.meta.mark).toBe(0);
  });

  it('honours negation on addresses, interfaces with wildcards, and conntrack state', () => {
    const rules = ':FORWARD DROP [0:0]\n-A FORWARD ! -s 10.244.0.0/16 -j DROP\n-A FORWARD ! -i eth+ -j DROP\n-A FORWARD -m conntrack ! --ctstate NEW -j DROP\n-A FORWARD -o cni+ -j ACCEPT';
    expect(walk(rules).decidedBy!.position).toBe(4);
    expect(walk(rules, { pkt: packet({ src: '172.17.0.2' }) }).decidedBy!.position).toBe(1);
    expect(walk(rules, { iif: 'ens3' }).decidedBy!.position).toBe(2);
    const failed = walk(rules, { iif: 'ens3' }).visits[0]!.rules[0]!;
    expect(failed.failed?.reason.key).toBe('why.addrNot');
  });

  it('keeps walking after a rule with no target, and after unknown modules it cannot simulate', () => {
    const r = walk(':FORWARD DROP [0:0]\n-A FORWARD -m comment --comment "count only"\n-A FORWARD -m quota --quota 1000 -j ACCEPT');
    expect(trail(r)).toEqual(['FORWARD:1,2']);
    const unknown = r.visits[0]!.rules[1]!;
    expect(unknown.notSimulated).toEqual(['-m quota --quota 1000']);
    expect(r.visits[0]!.assumptions.map((a) => a.key)).toContain('assume.moduleUnknown');
  });

  it('rejects with the ICMP type the rule names', () => {
    const r = walk(':FORWARD ACCEPT [0:0]\n-A FORWARD -p tcp -m tcp --dport 80 -j REJECT --reject-with icmp-port-unreachable');
    expect(r.verdict).toEqual({ kind: 'drop', reject: true, rejectWith: 'icmp-port-unreachable' });
  });

  it('stops a jump loop with an error instead of hanging', () => {
    const r = walk(':FORWARD ACCEPT [0:0]\n:A - [0:0]\n:B - [0:0]\n-A FORWARD -j A\n-A A -j B\n-A B -j A');
    expect(r.verdict).toMatchObject({ kind: 'drop' });
    expect(r.visits.at(-1)!.errors[0]!.key).toBe('error.jumpLoop');
  });

  it('enumerates a statistic cascade as branches and follows the chosen one', () => {
    const rules = [
      ':PREROUTING ACCEPT [0:0]', ':SVC - [0:0]', ':A - [0:0]', ':B - [0:0]', ':C - [0:0]',
      '-A PREROUTING -j SVC',
      '-A SVC -m comment --comment "ns/s:p -> 10.0.0.1:80" -m statistic --mode random --probability 0.33333333349 -j A',
      '-A SVC -m comment --comment "ns/s:p -> 10.0.0.2:80" -m statistic --mode random --probability 0.50000000000 -j B',
      '-A SVC -m comment --comment "ns/s:p -> 10.0.0.3:80" -j C',
      '-A A -p tcp -j DNAT --to-destination 10.0.0.1:80', '-A B -p tcp -j DNAT --to-destination 10.0.0.2:80', '-A C -p tcp -j DNAT --to-destination 10.0.0.3:80',
    ].join('\n');
    const first = walk(rules, { table: 'nat', hook: 'PREROUTING' });
    const branch = first.visits[1]!.branch!;
    expect(branch.key).toBe('n:nat/SVC');
    expect(branch.options.map((o) => o.label)).toEqual(['10.0.0.1:80', '10.0.0.2:80', '10.0.0.3:80']);
    for (const o of branch.options) expect(o.probability).toBeCloseTo(1 / 3, 6);
    expect(first.verdict).toEqual({ kind: 'nat', nat: 'DNAT', ip: '10.0.0.1', port: 80 });
    const third = walk(rules, { table: 'nat', hook: 'PREROUTING', choices: { 'n:nat/SVC': branch.options[2]!.value } });
    expect(third.verdict).toMatchObject({ ip: '10.0.0.3' });
    expect(third.visits[1]!.rules.map((r) => [r.rule.position, r.matched, r.failed?.reason.key])).toEqual([
      [1, false, 'why.randomOther'], [2, false, 'why.randomOther'], [3, true, undefined],
    ]);
  });

  it('matches addrtype against the namespace, and MASQUERADE takes the egress address', () => {
    const r = walk(':POSTROUTING ACCEPT [0:0]\n-A POSTROUTING -m addrtype --dst-type LOCAL -j RETURN\n-A POSTROUTING -s 10.244.0.0/16 ! -o cni0 -j MASQUERADE --random-fully', { table: 'nat', hook: 'POSTROUTING', oif: 'eth0' });
    expect(r.verdict).toEqual({ kind: 'nat', nat: 'SNAT', ip: '192.168.56.11', port: null });
    expect(r.visits[0]!.assumptions.map((a) => a.key)).toContain('assume.randomPort');
    const local = walk(':POSTROUTING ACCEPT [0:0]\n-A POSTROUTING -m addrtype --dst-type LOCAL -j RETURN', { table: 'nat', hook: 'POSTROUTING', pkt: packet({ dst: '192.168.56.11' }) });
    expect(local.visits[0]!.outcome).toMatchObject({ kind: 'policy' });
    expect(local.visits[0]!.rules[0]!.matched).toBe(true);
  });
});
