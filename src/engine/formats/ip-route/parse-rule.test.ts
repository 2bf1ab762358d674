import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatIpv4Net } from '../../net/ipv4';
import { parseIpRule } from './parse-rule';
import type { PolicyRule } from './types';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const show = (r: PolicyRule) => [
  `${r.priority}:`, r.not ? ' not' : '', ` from ${r.from ? formatIpv4Net(r.from) : 'all'}`, r.to ? ` to ${formatIpv4Net(r.to)}` : '',
  r.fwmark ? ` fwmark 0x${r.fwmark.value.toString(16)}/0x${r.fwmark.mask.toString(16)}` : '', r.iif ? ` iif ${r.iif}` : '',
  r.oif ? ` oif ${r.oif}` : '', r.table ? ` lookup ${r.table}` : '', r.action === 'lookup' ? '' : ` ${r.action}`,
].join('');
const codes = (diags: { code: string; severity: string; line: number; column: number }[]) =>
  diags.map((d) => `${d.code} ${d.severity} ${d.line}:${d.column}`);

describe('parseIpRule', () => {
  const { value, diagnostics } = parseIpRule(fixture('ip-rule.txt'), 'rules.txt');

  it('reads selectors and actions', () => {
    expect(value.map(show)).toEqual([
      '0: from all lookup local',
      '9: from all fwmark 0x200/0xf00 lookup 2004',
      '10: from all fwmark 0xa00/0xf00 lookup 2005',
      '100: from all lookup local',
      '500: from all iif eth1 lookup 200',
      '1000: from 10.244.1.0/24 to 10.96.0.0/12 lookup main',
      '1500: from all oif eth0 lookup 300',
      '3000: from all to 192.0.2.0/24 blackhole',
      '3100: from all to 198.51.100.0/24 unreachable',
      '3200: from all to 203.0.113.0/24 prohibit',
      '3300: from all goto',
      '3400: from all nop',
      '32764: from all lookup main',
      '32765: not from all fwmark 0xca6c/0xffffffff lookup 51820',
      '32766: from all lookup main',
      '32767: from all lookup default',
    ]);
    expect(value[1]!.span).toEqual({ file: 'rules.txt', line: 2, column: 1, endColumn: 43 });
  });

  it('says what it could not keep: uidrange (warning), goto target and suppress_prefixlength (info)', () => {
    expect(codes(diagnostics)).toEqual(['RT001 warning 7:25', 'RT001 info 11:1', 'RT001 info 13:29']);
    expect(diagnostics[1]!.message).toMatch(/goto 32766/);
    expect(diagnostics[2]!.message).toMatch(/suppress_prefixlength 0/);
  });

  it('recovers line by line and skips prompts and IPv6 rules', () => {
    const text = [
      '$ ip rule',
      '0:\tfrom all lookup local',
      'garbage here',
      '5:\tfrom 10.0.0.0/33 lookup main',
      '6:\tfrom all fwmark 0xzz lookup 7',
      '7:\tfrom all iif',
      '8:\tfrom all',
      '9:\tfrom 2001:db8::/32 lookup 100',
      '10:\tfrom fe80::/10 lookup 101',
      '32766:\tfrom all lookup 254',
    ].join('\n');
    const { value: rules, diagnostics: diags } = parseIpRule(text, 'f');
    expect(rules.map(show)).toEqual(['0: from all lookup local', '32766: from all lookup main']);
    expect(codes(diags)).toEqual([
      'RT001 info 1:1', 'RT001 warning 3:1', 'RT002 error 4:9', 'RT001 error 5:20', 'RT001 warning 6:13', 'RT001 error 6:1',
      'RT001 error 7:1', 'RT001 info 8:1',
    ]);
  });

  it('reports unknown words once per line, spanning them', () => {
    const { value: rules, diagnostics: diags } = parseIpRule('5:\tfrom all frob nicate lookup main\n', 'f');
    expect(rules.map(show)).toEqual(['5: from all lookup main']);
    expect(diags).toEqual([expect.objectContaining({ code: 'RT001', severity: 'warning', line: 1, column: 13, endColumn: 24, message: 'Rule word "frob" (and 1 more) is not understood; ignored.' })]);
  });
});
