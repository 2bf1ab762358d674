import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectLinear } from '../../testing/linearity';
import { parseIptablesSave } from './parse-save';
import { chain, col, fixture, lineOf, mutated, positionsValid, rule, rulePositionsValid, stripSpans } from './test-support';
import type { Match, ModuleMatch } from './types';

const KUBE = fixture('kube-proxy-1.29.save.txt');
const diagCodes = (text: string) => parseIptablesSave(text, 'f').diagnostics.map((d) => `${d.code}:${d.line}:${d.column}`);
const moduleOptions = (m: Match | undefined) => (m as ModuleMatch).options.map((o) => `${o.negate ? '!' : ''}${o.name}=${o.args.join('|')}`);

describe('parseIptablesSave: kube-proxy 1.29 dump', () => {
  const { value: rs, diagnostics } = parseIptablesSave(KUBE, 'node1/iptables-save.txt');

  it('reads it without any diagnostic, with the generator header', () => {
    expect(diagnostics).toEqual([]);
    expect(rs).toMatchObject({ family: 'ipv4', source: 'save', files: ['node1/iptables-save.txt'] });
    expect(rs.generator).toEqual({ program: 'iptables-save', version: '1.8.9', backend: 'nf_tables' });
    expect([...rs.tables.keys()]).toEqual(['mangle', 'filter', 'nat']);
  });

  it('declares built-in chains with policy and counters, user chains without policy', () => {
    expect(chain(rs, 'filter', 'FORWARD')).toMatchObject({ builtin: true, policy: 'DROP', counters: { packets: 0, bytes: 0 } });
    expect(chain(rs, 'filter', 'INPUT')).toMatchObject({ builtin: true, policy: 'ACCEPT', counters: { packets: 4137, bytes: 2214394 } });
    const line = lineOf(KUBE, ':KUBE-MARK-MASQ');
    expect(chain(rs, 'nat', 'KUBE-MARK-MASQ')).toMatchObject({ builtin: false, policy: null, span: { line, column: 2, endColumn: 16 } });
    expect(chain(rs, 'mangle', 'KUBE-IPTABLES-HINT').rules).toEqual([]);
  });

  it('gives every rule a table/chain#position id, a span ending at the line end, and its text', () => {
    const svc = chain(rs, 'nat', 'KUBE-SVC-ERIFXISQEP7F7OF4').rules;
    expect(svc.map((r) => r.id)).toEqual([1, 2, 3, 4].map((n) => `nat/KUBE-SVC-ERIFXISQEP7F7OF4#${n}`));
    const r = svc[1];
    const line = lineOf(KUBE, '-> 10.244.1.5:8080" -m statistic');
    const text = KUBE.split('\n')[line - 1] as string;
    expect(r).toMatchObject({ table: 'nat', chain: 'KUBE-SVC-ERIFXISQEP7F7OF4', position: 2, text, span: { file: 'node1/iptables-save.txt', line, column: 1, endColumn: text.length + 1 } });
  });

  it('reads the statistic rule with a comment containing ->, and the float-rounded probability', () => {
    const r = rule(rs, 'nat/KUBE-SVC-ERIFXISQEP7F7OF4#2');
    const line = r.span.line;
    expect(moduleOptions(r.matches[0])).toEqual(['comment=default/web:http -> 10.244.1.5:8080']);
    expect(moduleOptions(r.matches[1])).toEqual(['mode=random', 'probability=0.33333333349']);
    expect((r.matches[1] as ModuleMatch).options[1]?.span).toMatchObject({ line, column: col(KUBE, line, '--probability'), endColumn: col(KUBE, line, ' -j') });
    expect(r.target).toMatchObject({ name: 'KUBE-SEP-IT2ZTR26TO4XFPTO', goto: false, options: [] });
  });

  it('reads KUBE-MARK-MASQ and the xor in KUBE-POSTROUTING as --set-xmark', () => {
    expect(stripSpans(rule(rs, 'nat/KUBE-MARK-MASQ#1').target)).toEqual({ name: 'MARK', goto: false, options: [{ name: 'set-xmark', negate: false, args: ['0x4000/0x4000'] }] });
    expect(moduleOptions(rule(rs, 'nat/KUBE-POSTROUTING#1').matches[0])).toEqual(['!mark=0x4000/0x4000']);
    expect(rule(rs, 'nat/KUBE-POSTROUTING#2').target?.options[0]?.args).toEqual(['0x4000/0x0']);
    expect(rule(rs, 'nat/KUBE-POSTROUTING#3').target?.options.map((o) => o.name)).toEqual(['random-fully']);
  });

  it('keeps the KUBE-FW rule that has no target', () => {
    const r = rule(rs, 'nat/KUBE-FW-GNZBNJ2PO5MGZ6GT#2');
    expect(r.target).toBeNull();
    expect(moduleOptions(r.matches[0])).toEqual(['comment=other traffic to default/lb-restricted:http will be dropped by KUBE-PROXY-FIREWALL']);
  });

  it('reads the recent affinity rules (check in KUBE-SVC, set in KUBE-SEP)', () => {
    expect(moduleOptions(rule(rs, 'nat/KUBE-SVC-NPX46M4PTMTKRN6Y#2').matches[1])).toEqual([
      'rcheck=', 'seconds=10800', 'reap=', 'name=KUBE-SEP-UPD7ND2TPNSDBE6L', 'mask=255.255.255.255', 'rsource=',
    ]);
    const sep = rule(rs, 'nat/KUBE-SEP-UPD7ND2TPNSDBE6L#2');
    expect(sep.matches.map((m) => (m.kind === 'module' ? m.module : m.kind))).toEqual(['proto', 'comment', 'recent', 'tcp']);
    expect(stripSpans(sep.target?.options)).toEqual([{ name: 'to-destination', negate: false, args: ['192.168.49.2:8443'] }]);
  });

  it('reads the nfacct match printed with a double space, and the bare -m tcp', () => {
    const r = rule(rs, 'nat/KUBE-NODEPORTS#1');
    const line = r.span.line;
    expect(r.matches.map((m) => (m.kind === 'module' ? m.module : m.kind))).toEqual(['dst', 'proto', 'comment', 'tcp', 'nfacct']);
    expect((r.matches[4] as ModuleMatch).options[0]).toMatchObject({ name: 'nfacct-name', args: ['localhost_nps_accepted_pkts'], span: { column: col(KUBE, line, '--nfacct-name'), endColumn: col(KUBE, line, ' -j') } });
    expect((rule(rs, 'nat/KUBE-SEP-IT2ZTR26TO4XFPTO#2').matches[2] as ModuleMatch).options).toEqual([]);
  });

  it('reads negated basic matches and negated conntrack states in KUBE-FIREWALL', () => {
    const r = rule(rs, 'filter/KUBE-FIREWALL#1');
    expect(r.matches[0]).toMatchObject({ kind: 'src', negate: true, text: '127.0.0.0/8', span: { column: col(KUBE, r.span.line, '! -s') } });
    expect(moduleOptions(r.matches[3])).toEqual(['!ctstate=RELATED,ESTABLISHED,DNAT']);
  });

  it('never throws and stays inside the text on damaged copies of the dump (property)', () => {
    fc.assert(
      fc.property(mutated(KUBE), (text) => {
        const { value, diagnostics } = parseIptablesSave(text, 'f');
        return positionsValid(text, diagnostics) && rulePositionsValid(text, value);
      }),
      { numRuns: 100 },
    );
  });
});

describe('parseIptablesSave: other producers', () => {
  it('reads a Docker dump with DOCKER-USER and the isolation chains', () => {
    const { value, diagnostics } = parseIptablesSave(fixture('docker.save.txt'), 'docker.txt');
    expect(diagnostics).toEqual([]);
    expect([...chain(value, 'filter', 'FORWARD').rules.map((r) => r.target?.name)]).toEqual(['DOCKER-USER', 'DOCKER-ISOLATION-STAGE-1', 'ACCEPT', 'DOCKER', 'ACCEPT', 'ACCEPT']);
    expect(stripSpans(rule(value, 'filter/DOCKER-ISOLATION-STAGE-1#1').matches)).toEqual([
      { kind: 'iif', negate: false, name: 'docker0' },
      { kind: 'oif', negate: true, name: 'docker0' },
    ]);
    expect(rule(value, 'nat/DOCKER#2').target?.options[0]?.args).toEqual(['172.17.0.2:80']);
  });

  it('reads Calico rules with [p:b] counters, the same module twice and -g', () => {
    const text = fixture('calico.save.txt');
    const { value, diagnostics } = parseIptablesSave(text, 'calico.txt');
    expect(diagnostics).toEqual([]);
    expect(value.generator).toEqual({ program: 'iptables-nft-save', version: '1.8.7', backend: 'nf_tables' });
    const r = rule(value, 'nat/cali-POSTROUTING#2');
    expect(r.counters).toEqual({ packets: 0, bytes: 0 });
    expect(r.span.column).toBe(col(text, r.span.line, '-A'));
    expect(r.text.startsWith('-A cali-POSTROUTING -o tunl0')).toBe(true);
    expect(r.matches.filter((m) => m.kind === 'module' && m.module === 'addrtype').map(moduleOptions)).toEqual([['!src-type=LOCAL', 'limit-iface-out='], ['src-type=LOCAL']]);
    expect(rule(value, 'nat/POSTROUTING#1').counters).toEqual({ packets: 1523, bytes: 91380 });
    expect(rule(value, 'filter/cali-from-wl-dispatch#1').target).toMatchObject({ name: 'cali-fw-cali1234567890a', goto: true });
    expect(rule(value, 'nat/cali-nat-outgoing#1').matches.slice(1).map(moduleOptions)).toEqual([['match-set=cali40masq-ipam-pools|src'], ['!match-set=cali40all-ipam-pools|dst']]);
  });

  it('reads iptables 1.4.7 output: ctime header with two spaces, trailing spaces', () => {
    const text = fixture('legacy-1.4.7.save.txt');
    const { value, diagnostics } = parseIptablesSave(text, 'old.txt');
    expect(diagnostics).toEqual([]);
    expect(value.generator).toEqual({ program: 'iptables-save', version: '1.4.7', backend: 'legacy' });
    const r = rule(value, 'nat/PREROUTING#1');
    expect(r.text).toBe('-A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER');
    expect(r.span.endColumn).toBe(r.text.length + 1);
    expect(r.target?.span.endColumn).toBe(r.text.length + 1);
    expect(chain(value, 'nat', 'OUTPUT').builtin).toBe(true);
    expect(rule(value, 'filter/INPUT#4').matches.map((m) => (m.kind === 'module' ? m.module : m.kind))).toEqual(['proto', 'state', 'tcp']);
  });

  it('reads ip6tables-save: family from the header, IPv6 addresses kept as raw basic matches', () => {
    const { value, diagnostics } = parseIptablesSave(fixture('ip6tables.save.txt'), 'v6.txt');
    expect(diagnostics).toEqual([]);
    expect(value.family).toBe('ipv6');
    expect(stripSpans(rule(value, 'nat/KUBE-SVC-ERIFXISQEP7F7OF4#1').matches.slice(0, 2))).toEqual([
      { kind: 'module', module: 'basic-raw', implicit: true, options: [{ name: 'source', negate: true, args: ['fd00:10:244::/56'] }] },
      { kind: 'module', module: 'basic-raw', implicit: true, options: [{ name: 'destination', negate: false, args: ['fd00:10:96::7b0b/128'] }] },
    ]);
    expect(rule(value, 'nat/KUBE-SEP-6YDQBPVRHJSDYZRD#2').target?.options[0]?.args).toEqual(['[fd00:10:244:1::5]:8080']);
    expect(moduleOptions(rule(value, 'filter/INPUT#1').matches[1])).toEqual(['icmpv6-type=128']);
  });

  it('recognises xtables-save, iptables-nft-save and legacy-save headers', () => {
    const gen = (h: string) => parseIptablesSave(`${h}\n*filter\n:INPUT ACCEPT [0:0]\nCOMMIT\n`, 'f').value.generator;
    expect(gen('# Generated by xtables-save v1.8.2 on Tue Jan  1 00:00:00 2019')).toEqual({ program: 'xtables-save', version: '1.8.2', backend: 'nf_tables' });
    expect(gen('# Generated by iptables-save v1.8.9 (legacy) on Tue Jan  1 00:00:00 2019')).toEqual({ program: 'iptables-save', version: '1.8.9', backend: 'legacy' });
    expect(gen('# Warning: iptables-legacy tables present, use iptables-legacy-save to see them')).toBeUndefined();
  });

  it('handles CRLF line endings and a UTF-8 BOM', () => {
    const text = '\uFEFF*nat\r\n:POSTROUTING ACCEPT [0:0]\r\n-A POSTROUTING -o eth0 -j MASQUERADE\r\nCOMMIT\r\n';
    const { value, diagnostics } = parseIptablesSave(text, 'win.txt');
    expect(diagnostics).toEqual([]);
    expect(rule(value, 'nat/POSTROUTING#1')).toMatchObject({ text: '-A POSTROUTING -o eth0 -j MASQUERADE', span: { line: 3, column: 1, endColumn: 37 } });
  });
});

describe('parseIptablesSave: recovery', () => {
  it('reports a bad line in the middle and keeps the rules after it', () => {
    const text = ['*filter', ':INPUT ACCEPT [0:0]', '-A INPUT -s 10.0.0.300 -j DROP', 'garbage here', '-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT', 'COMMIT'].join('\n');
    const { value, diagnostics } = parseIptablesSave(text, 'f');
    expect(diagnostics.map((d) => `${d.code}:${d.line}:${d.column}:${d.severity}`)).toEqual(['IPT009:3:13:error', 'IPT013:4:1:warning']);
    expect(chain(value, 'filter', 'INPUT').rules.map((r) => r.id)).toEqual(['filter/INPUT#1', 'filter/INPUT#2']);
    expect(rule(value, 'filter/INPUT#2').span.line).toBe(5);
  });

  it('uses *table and COMMIT as sync points: rule outside a table, unknown table, missing COMMIT', () => {
    const text = [
      '-A INPUT -j ACCEPT', // 1: outside a table
      '*bogus', // 2: unknown table, skipped to COMMIT
      '-A X -j DROP',
      'COMMIT',
      '*nat', // 5: never committed
      ':PREROUTING ACCEPT [0:0]',
      '-A PREROUTING -j KUBE-SERVICES', // 7: undeclared target chain
      '*filter', // 8
      '-A FORWARD -j ACCEPT', // 9: undeclared chain
      ':FORWARD DROP [0:0]',
      ':FORWARD DROP [0:0]', // 11: duplicate
      'COMMIT',
    ].join('\n');
    expect(diagCodes(text)).toEqual(['IPT001:1:1', 'IPT002:2:1', 'IPT003:5:1', 'IPT012:7:15', 'IPT005:9:4', 'IPT015:11:2']);
    const { value } = parseIptablesSave(text, 'f');
    expect(chain(value, 'filter', 'FORWARD')).toMatchObject({ builtin: true, policy: 'DROP', span: { line: 10 } });
    expect(rule(value, 'filter/FORWARD#1').target?.name).toBe('ACCEPT');
    expect(value.tables.has('nat')).toBe(true);
  });

  it('reports malformed chain lines (IPT004) and keeps going', () => {
    const text = ['*filter', ':', ':INPUT QUEUE [0:0]', ':MYCHAIN ACCEPT [1:2]', ':OUTPUT ACCEPT [x]', 'COMMIT'].join('\n');
    expect(diagCodes(text)).toEqual(['IPT004:2:1', 'IPT004:3:8', 'IPT004:4:10', 'IPT004:5:16']);
    const { value } = parseIptablesSave(text, 'f');
    expect(chain(value, 'filter', 'INPUT').policy).toBe('ACCEPT');
    expect(chain(value, 'filter', 'MYCHAIN')).toMatchObject({ builtin: false, policy: null });
  });

  it('reports an unterminated quote and still keeps the rule', () => {
    const text = '*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -m comment --comment "oops -j ACCEPT\nCOMMIT\n';
    const { value, diagnostics } = parseIptablesSave(text, 'f');
    expect(diagnostics.map((d) => `${d.code}:${d.line}:${d.column}`)).toEqual(['IPT008:3:31']);
    expect(rule(value, 'filter/INPUT#1').target).toBeNull();
  });

  it('warns when iptables-nft could not print a table', () => {
    const text = "# Table `nat' is incompatible, use 'nft' tool.\n*filter\n:INPUT ACCEPT [0:0]\nCOMMIT\n";
    expect(diagCodes(text)).toEqual(['IPT014:1:1']);
  });

  it('supports -I CHAIN [N] from restore files', () => {
    const text = '*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -j A1\n-A INPUT -j A2\n-I INPUT 2 -j I2\n-I INPUT -j I1\nCOMMIT\n';
    const { value } = parseIptablesSave(text, 'f');
    expect(chain(value, 'filter', 'INPUT').rules.map((r) => `${r.position}:${r.target?.name}`)).toEqual(['1:I1', '2:A1', '3:I2', '4:A2']);
  });

  it('never throws and keeps positions inside the text on arbitrary input (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        const { value, diagnostics } = parseIptablesSave(text, 'f');
        return positionsValid(text, diagnostics) && rulePositionsValid(text, value);
      }),
      { numRuns: 200 },
    );
    fc.assert(
      fc.property(fc.array(fc.constantFrom('*nat', 'COMMIT', ':X - [0:0]', '-A X', '!', '-m', 'tcp', '--dport', '"', '80', '-j', 'DNAT', '\r', '\t', ' ', '\n', '[1:2]', '-s', '1.2.3.4/33', '#'), { maxLength: 80 }), (words) => {
        const text = words.join(' ');
        const { value, diagnostics } = parseIptablesSave(text, 'f');
        return positionsValid(text, diagnostics) && rulePositionsValid(text, value);
      }),
      { numRuns: 200 },
    );
  });

  it('parses an n-rule dump in time proportional to n', () => {
    const dump = (n: number) => {
      const lines = ['*nat', ':KUBE-SERVICES - [0:0]'];
      for (let i = 0; i < n; i++) {
        lines.push(`-A KUBE-SERVICES -d 10.96.${(i >> 8) & 255}.${i & 255}/32 -p tcp -m comment --comment "ns/svc-${i}:http cluster IP" -m tcp --dport 80 -j KUBE-SVC-${i}`);
      }
      lines.push('COMMIT');
      return lines.join('\n');
    };
    expectLinear('iptables-save', dump, (t) => parseIptablesSave(t, 'big.txt'), { n: 50, check: ({ value }, n) => expect(chain(value, 'nat', 'KUBE-SERVICES').rules).toHaveLength(n) });
  });
});
