import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseOvsFlows } from './dump-flows';
import type { OvsAction, OvsActionArg } from './types';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const codes = (diags: { code: string; severity: string; line: number; column: number }[]) =>
  diags.map((d) => `${d.code} ${d.severity} ${d.line}:${d.column}`);
/** An action tree in a compact Lisp-like form, so nesting reads at a glance. */
const tree = (a: OvsAction): string => {
  const arg = (x: OvsActionArg): string => (x.kind === 'flag' ? x.text : x.kind === 'param' ? `${x.key}=${x.value}` : tree(x.action));
  if (a.args.length > 0) return `(${a.name} ${a.args.map(arg).join(' ')})${a.suffix ?? ''}`;
  return a.argText === '' ? a.name : `${a.name}:${a.argText}`;
};

// The line of the dump-formats reference (section 6), with the seed's patch port name.
const SPEC_LINE = ' cookie=0x0, duration=3189.786s, table=0, n_packets=1422, n_bytes=130918, idle_age=9, priority=500,ip,in_port="patch-br-ex_rhe",nw_dst=10.96.0.0/16 actions=ct(commit,table=2,zone=64001,nat(src=169.254.169.2))';

describe('parseOvsFlows', () => {
  it('splits stats on ", ", matches on ",", and nests actions', () => {
    const { value, diagnostics } = parseOvsFlows(SPEC_LINE, 'f.txt');
    const f = value[0]!;
    expect(f).toMatchObject({ cookie: '0x0', durationSeconds: 3189.786, table: 0, packets: 1422, bytes: 130918, idleAge: 9, priority: 500 });
    expect(f.matches.map((m) => [m.field, m.value, m.mask, m.quoted])).toEqual([
      ['ip', undefined, undefined, undefined], ['in_port', 'patch-br-ex_rhe', undefined, true], ['nw_dst', '10.96.0.0', '16', undefined],
    ]);
    expect(f.actions.map(tree)).toEqual(['(ct commit table=2 zone=64001 (nat src=169.254.169.2))']);
    const nat = (f.actions[0]!.args[3] as { kind: 'action'; action: OvsAction }).action;
    expect(f.text.slice(nat.span.column - 2, nat.span.endColumn! - 2)).toBe('nat(src=169.254.169.2)');
    const dst = f.matches[2]!.span;
    expect(SPEC_LINE.slice(dst.column - 1, dst.endColumn! - 1)).toBe('nw_dst=10.96.0.0/16');
    expect(diagnostics).toEqual([]);
  });

  it('reads real br-ex flows (numeric ports, NXST header skipped)', () => {
    const { value, diagnostics } = parseOvsFlows(fixture('dump-flows-br-ex.txt'), 'brex.txt');
    expect(value).toHaveLength(18);
    expect(value[1]).toMatchObject({ packets: 3, bytes: 162, priority: 500 });
    expect(value.map((f) => `${f.table}/${f.priority} ${f.actions.map(tree).join(' ')}`)).toEqual([
      '0/500 (ct commit table=2 zone=64001 (nat src=169.254.169.2))',
      '0/500 (ct table=2 zone=64001 nat)',
      '0/205 LOCAL',
      '0/109 (ct commit zone=64000 (exec load:0x1->NXM_NX_CT_MARK[])) output:2',
      '0/100 (ct commit zone=64000 (exec load:0x1->NXM_NX_CT_MARK[])) output:2',
      '0/50 (ct table=1 zone=64000)',
      '0/10 output:2',
      '0/10 LOCAL',
      '0/9 output:1',
      '0/0 NORMAL',
      '1/100 output:1',
      '1/100 output:1',
      '1/13 output:1 LOCAL',
      '1/10 LOCAL',
      '1/0 NORMAL',
      '2/0 mod_dl_dst:02:42:ac:12:00:03 output:1',
      '3/10 move:NXM_OF_ETH_DST[]->NXM_OF_ETH_SRC[] mod_dl_dst:02:42:ac:12:00:03 load:0x1->NXM_NX_REG0[0] LOCAL',
      '4/100 (learn table=5 idle_timeout=60 priority=10 eth_type=0x800 NXM_OF_ETH_DST[]=NXM_OF_ETH_SRC[] NXM_OF_IP_DST[]=NXM_OF_IP_SRC[] output:NXM_OF_IN_PORT[]) (check_pkt_larger 1414)->NXM_NX_REG0[0] (resubmit  5)',
    ]);
    expect(value[10]!.matches.map((m) => `${m.field}=${m.value ?? ''}`)).toEqual(['ct_state=+est+trk', 'ct_mark=0x1', 'ip=']);
    expect(value[0]!.span).toMatchObject({ line: 2, column: 2 });
    expect(diagnostics).toEqual([]);
  });

  it('reads OpenFlow 1.3 --names output with "reset_counts priority=" and quoted port names', () => {
    const { value, diagnostics } = parseOvsFlows(fixture('dump-flows-br-ex-of13-names.txt'), 'of13.txt');
    expect(value[0]!.flags).toEqual(['reset_counts']);
    expect(value[0]!.matches.find((m) => m.field === 'in_port')).toMatchObject({ value: 'patch-br-ex_wor', quoted: true });
    expect(value[3]!.actions.map(tree)).toEqual(['(ct commit zone=64000 (exec load:0x1->NXM_NX_CT_MARK[]))', 'output:enp131s0f0']);
    expect(diagnostics).toEqual([]);
  });

  it('reads OVN br-int flows: registers, cookies, clone() action lists, groups, note', () => {
    const { value, diagnostics } = parseOvsFlows(fixture('dump-flows-br-int-names.txt'), 'brint.txt');
    expect(value.map((f) => f.cookie)).toContain('0x7d6c5b4b');
    const last = value[value.length - 1]!;
    expect(last.table).toBe(65);
    expect(last.actions.map((a) => a.name)).toEqual(['clone', 'output', 'dec_ttl', 'strip_vlan', 'CONTROLLER', 'note']);
    expect(last.actions[0]!.args.map((a) => (a.kind === 'action' ? a.action.name : a.kind))).toEqual(['ct_clear', 'load', 'load', 'load', 'load', 'load', 'load', 'resubmit']);
    expect(value.find((f) => f.actionsText === 'group:2')!.matches.map((m) => m.field)).toEqual(['ct_state', 'tcp', 'metadata', 'nw_dst', 'tp_dst']);
    expect(value.find((f) => f.table === 13)!.matches.find((m) => m.field === 'reg0')).toMatchObject({ value: '0x1', mask: '0x1' });
    expect(diagnostics).toEqual([]);
  });

  it('reads --no-stats lines: no cookie stats, default table and priority', () => {
    const { value } = parseOvsFlows(' priority=100,arp,arp_tpa=10.0.0.1 actions=output:2\n actions=drop\n table=3, n_packets=0, n_bytes=0, actions=NORMAL\n', 'ns.txt');
    expect(value.map((f) => [f.table, f.priority, f.matches.length, f.actionsText])).toEqual([[0, 100, 2, 'output:2'], [0, 32768, 0, 'drop'], [3, 32768, 0, 'NORMAL']]);
  });

  it('reports lines without actions, bad numbers and unbalanced parentheses, and keeps going', () => {
    const text = [
      'NXST_FLOW reply (xid=0x4):',
      ' cookie=0x0, duration=1.0s, table=x, priority=5 actions=drop',
      ' this is not a flow',
      ' priority=1 actions=ct(commit,nat(src=1.2.3.4)',
      '$ ovs-ofctl dump-flows br-int',
      ' priority=2 actions=resubmit(,7)',
    ].join('\n');
    const { value, diagnostics } = parseOvsFlows(text, 'bad.txt');
    expect(codes(diagnostics)).toEqual(['OVS005 warning 2:29', 'OVS004 warning 3:2', 'OVS006 warning 4:21']);
    expect(value.map((f) => f.priority)).toEqual([5, 1, 2]);
    expect(value[2]!.actions.map(tree)).toEqual(['(resubmit  7)']);
    expect(value[1]!.actions[0]!.args.map((a) => a.kind)).toEqual(['flag', 'action']);
  });
});

describe('dump-flows: which bridge', () => {
  it('takes the bridge from a pasted dump-flows command line, for the flows below it', () => {
    const text = '$ ovs-ofctl -O OpenFlow13 dump-flows br0\n cookie=0x0, table=0, priority=0 actions=NORMAL\n# ovs-ofctl dump-flows br-ex\n cookie=0x0, table=0, priority=0 actions=drop\n';
    const { value } = parseOvsFlows(text, 'flows.txt');
    expect(value.map((f) => f.bridge)).toEqual(['br0', 'br-ex']);
  });
});
