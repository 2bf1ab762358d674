import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UNPARSED_LIST_MODULE } from './extensions';
import { markToXmark } from './list-target';
import { parseIptablesList } from './parse-list';
import { parseIptablesSave } from './parse-save';
import { chain, col, fixture, lineOf, mutated, positionsValid, rule, rulePositionsValid, stripSpans } from './test-support';
import type { Match, ModuleMatch } from './types';

const summary = (d: { code: string; line: number; column: number; severity: string }[]) => d.map((x) => `${x.code}:${x.line}:${x.column}:${x.severity}`);
const describeMatch = (m: Match): string =>
  m.kind === 'module'
    ? `${m.module}{${m.options.map((o) => `${o.negate ? '!' : ''}${o.name}=${o.args.join('|')}`).join(' ')}}`
    : `${m.negate ? '!' : ''}${m.kind}:${'text' in m ? m.text : 'name' in m ? m.name : ''}`;
const matchesOf = (id: string, rs: Parameters<typeof rule>[0]) => rule(rs, id).matches.map(describeMatch);

describe('parseIptablesList: seed pastes', () => {
  it('reads `iptables -nvL -t nat` with K/M counters, attached !, comments and prose around it', () => {
    const text = fixture('seed-000-nvL-nat.txt');
    const { value, diagnostics } = parseIptablesList(text, 'seed0.txt');
    expect(value).toMatchObject({ source: 'list', family: 'ipv4' });
    expect([...value.tables.keys()]).toEqual(['nat']);
    expect(chain(value, 'nat', 'OUTPUT')).toMatchObject({ builtin: true, policy: 'ACCEPT', counters: { packets: 36, bytes: 2248 } });
    const kube = rule(value, 'nat/PREROUTING#1');
    expect(kube).toMatchObject({ approximate: true, counters: { packets: 1336000, bytes: 63000000 }, target: { name: 'KUBE-SERVICES' } });
    expect(kube.matches.map(describeMatch)).toEqual(['comment{comment=kubernetes service portals}']);
    const docker = rule(value, 'nat/OUTPUT#2');
    expect(docker.matches.map(describeMatch)).toEqual(['!dst:127.0.0.0/8', 'addrtype{dst-type=LOCAL}']);
    expect(docker.matches[0]?.span).toMatchObject({ line: docker.span.line, column: col(text, docker.span.line, '!127') });
    expect(matchesOf('nat/POSTROUTING#2', value)).toEqual(['src:172.17.0.0/16', '!oif:docker0']);
    // One lossy-input warning for the whole file, not one per rule.
    expect(diagnostics.filter((d) => d.code === 'IPT014')).toHaveLength(1);
    expect(diagnostics.filter((d) => d.code !== 'IPT013' && d.code !== 'IPT014')).toEqual([]);
  });

  it('reads `iptables -L -t nat` with OVN-Kubernetes chains and converts MARK to --set-xmark', () => {
    const text = fixture('seed-001-L-nat.txt');
    const { value, diagnostics } = parseIptablesList(text, 'seed1.txt');
    expect(stripSpans(rule(value, 'nat/KUBE-MARK-MASQ#1').target)).toEqual({ name: 'MARK', goto: false, options: [{ name: 'set-xmark', negate: false, args: ['0x4000/0x4000'] }] });
    expect(rule(value, 'nat/KUBE-POSTROUTING#2').target?.options[0]?.args).toEqual(['0x4000/0x0']);
    expect(matchesOf('nat/KUBE-POSTROUTING#1', value)).toEqual(['mark{!mark=0x4000/0x4000}']);
    expect(rule(value, 'nat/KUBE-POSTROUTING#3').target?.options.map((o) => o.name)).toEqual(['random-fully']);
    expect(rule(value, 'nat/OVN-KUBE-SNAT-MGMTPORT#1').target?.options.map((o) => [o.name, ...o.args])).toEqual([['to-source', '10.131.0.2']]);
    // The second listing of OVN-KUBE-NODEPORT replaces the empty first one.
    const dnat = rule(value, 'nat/OVN-KUBE-NODEPORT#1');
    expect(dnat.matches.map(describeMatch)).toEqual(['proto:tcp', 'addrtype{dst-type=LOCAL}', 'tcp{dport=31785}']);
    expect(dnat.target?.options.map((o) => [o.name, ...o.args])).toEqual([['to-destination', '172.30.44.86:80']]);
    const second = lineOf(text.split('\n').slice(55).join('\n'), 'Chain OVN-KUBE-NODEPORT') + 55;
    expect(summary(diagnostics.filter((d) => d.code === 'IPT015'))).toEqual([`IPT015:${second}:7:warning`]);
    expect(chain(value, 'nat', 'OVN-KUBE-ETP').rules).toEqual([]);
  });
});

describe('parseIptablesList: layouts', () => {
  it('reads -nvL --line-numbers: num column, blank target, recent/statistic/match-set, inferred nat', () => {
    const text = fixture('kube-nat-nvL-line-numbers.list.txt');
    const { value, diagnostics } = parseIptablesList(text, 'kube.txt');
    expect(summary(diagnostics)).toEqual(['IPT014:3:1:warning', 'IPT002:3:18:info']);
    expect(rule(value, 'nat/PREROUTING#1').counters).toEqual({ packets: 6322000, bytes: 4565000000 });
    const noTarget = rule(value, 'nat/KUBE-FW-GNZBNJ2PO5MGZ6GT#2');
    expect(noTarget.target).toBeNull();
    expect(noTarget.matches.map(describeMatch)).toEqual(['comment{comment=other traffic to default/lb-restricted:http will be dropped by KUBE-PROXY-FIREWALL}']);
    expect(matchesOf('nat/KUBE-SVC-ERIFXISQEP7F7OF4#1', value)).toEqual(['!src:10.244.0.0/16', 'dst:10.96.120.11', 'proto:tcp', 'comment{comment=default/web:http cluster IP}', 'tcp{dport=80}']);
    expect(matchesOf('nat/KUBE-SVC-ERIFXISQEP7F7OF4#2', value)[1]).toBe('statistic{mode=random probability=0.33333333349}');
    expect(matchesOf('nat/KUBE-SERVICES#1', value)[2]).toBe('set{match-set=KUBE-CLUSTER-IP|dst,dst}');
    expect(rule(value, 'nat/KUBE-POSTROUTING#3').target?.options.map((o) => [o.name, ...o.args])).toEqual([['to-ports', '30000-32767'], ['random-fully']]);
    expect(rule(value, 'nat/KUBE-SEP-IT2ZTR26TO4XFPTO#2').target?.options.map((o) => [o.name, ...o.args])).toEqual([['to-destination', '10.244.1.5:8080']]);
  });

  it('recovers the same recent module as iptables-save prints (options in save order)', () => {
    const fromList = rule(parseIptablesList(fixture('kube-nat-nvL-line-numbers.list.txt'), 'l').value, 'nat/KUBE-SVC-NPX46M4PTMTKRN6Y#1');
    const fromSave = rule(parseIptablesSave(fixture('kube-proxy-1.29.save.txt'), 's').value, 'nat/KUBE-SVC-NPX46M4PTMTKRN6Y#2');
    expect(stripSpans(fromList.matches)).toEqual(stripSpans(fromSave.matches));
    expect(fromList.target?.name).toBe(fromSave.target?.name);
  });

  it('reads Docker/Calico -nvL: numeric protocols, !f, overflowing interfaces, flags, [goto], LOG; inferred filter', () => {
    const text = fixture('docker-filter-nvL.list.txt');
    const { value, diagnostics } = parseIptablesList(text, 'docker.txt');
    expect(summary(diagnostics)).toEqual([`IPT002:1:7:info`, 'IPT014:3:2:warning']);
    expect(chain(value, 'filter', 'INPUT')).toMatchObject({ policy: 'DROP', builtin: true });
    expect(matchesOf('filter/INPUT#1', value)).toEqual(['iif:lo']);
    expect(matchesOf('filter/INPUT#2', value)).toEqual(['proto:6', 'tcp{dport=22}', 'conntrack{ctstate=NEW}']);
    expect(stripSpans(rule(value, 'filter/INPUT#3').target?.options)).toEqual([
      { name: 'log-level', negate: false, args: ['4'] },
      { name: 'log-prefix', negate: false, args: ['INPUT drop: '] },
    ]);
    expect(matchesOf('filter/INPUT#4', value)).toEqual(['!fragment:']);
    const gw = rule(value, 'filter/DOCKER-FORWARD#3');
    expect(gw.matches.map(describeMatch)).toEqual(['iif:docker_gwbridge', '!oif:docker_gwbridge']);
    expect(gw.matches[1]?.span.column).toBe(col(text, gw.span.line, '!docker_gwbridge'));
    expect(matchesOf('filter/DOCKER-FORWARD#2', value)).toEqual(['set{match-set=docker-ext-bridges-v4|dst}', 'conntrack{ctstate=RELATED,ESTABLISHED}']);
    expect(matchesOf('filter/DOCKER-FORWARD#4', value)).toEqual(['proto:17', 'multiport{dports=53,5353}', 'udp{sport=53}']);
    expect(matchesOf('filter/DOCKER-FORWARD#5', value)).toEqual(['iif:eth0+', 'proto:6', 'tcp{sport=1024:65535 !dport=80 tcp-flags=FIN,SYN,RST,ACK|SYN}']);
    expect(rule(value, 'filter/DOCKER-FORWARD#5').target?.options[0]?.args).toEqual(['tcp-reset']);
    const cali = rule(value, 'filter/FORWARD#3');
    expect(cali).toMatchObject({ counters: { packets: 6322000, bytes: 4565000000 }, target: { name: 'cali-fw-azv58948d172f9', goto: true } });
    expect(cali.matches.map(describeMatch)).toEqual(['iif:azv58948d172f9', 'comment{comment=cali:JDOsTVC8rSMFt5ic}']);
  });

  it('reads -L without -n: anywhere, service names, reverse-DNS names (recovered or omitted)', () => {
    const text = fixture('names-nat-L.list.txt');
    const { value, diagnostics } = parseIptablesList(text, 'names.txt');
    expect([...value.tables.keys()]).toEqual(['nat']);
    expect(matchesOf('nat/OUTPUT#1', value)).toEqual(['!dst:127.0.0.0/8', 'addrtype{dst-type=LOCAL}']);
    expect(matchesOf('nat/KUBE-SVC-LOCALCLUSTER#1', value)).toEqual(['!src:10.244.0.0/16', 'dst:10.101.67.139', 'proto:tcp', 'comment{comment=default/local-cluster: cluster IP}', 'tcp{dport=80}']);
    expect(matchesOf('nat/KUBE-SVC-LOCALCLUSTER#2', value)).toEqual(['src:10.0.1.20', 'proto:udp', 'udp{dport=53}']);
    expect(matchesOf('nat/KUBE-SVC-LOCALCLUSTER#3', value)).toEqual(['proto:tcp', 'tcp{dport=kubelet-api}']);
    expect(matchesOf('nat/KUBE-SVC-LOCALCLUSTER#4', value)).toEqual(['src:127.0.0.1']);
    expect(matchesOf('nat/KUBE-SEP-LOCALCLUSTER#1', value)).toEqual(['proto:tcp', 'comment{comment=default/local-cluster:}', 'tcp{}']);
    const l14 = lineOf(text, 'ip-10-0-1-20.ec2');
    const l15 = lineOf(text, 'node1.example.com');
    expect(summary(diagnostics)).toEqual([
      'IPT014:4:1:warning',
      `IPT009:${l14}:${col(text, l14, 'ip-10')}:info`,
      `IPT009:${l15}:${col(text, l15, 'node1')}:warning`,
      `IPT010:${l15}:${col(text, l15, 'dpt:kubelet')}:warning`,
    ]);
  });

  it('reads ip6tables -L with the blank opt column of iptables ≤1.8.8', () => {
    const text = ['Chain INPUT (policy ACCEPT)', 'target     prot opt source               destination', 'ACCEPT     all      fd00::/8             ::/0', '           all      ::/0                 ::/0'].join('\n');
    const { value } = parseIptablesList(text, 'v6.txt');
    expect(value.family).toBe('ipv6');
    expect(matchesOf('filter/INPUT#1', value)).toEqual(['basic-raw{source=fd00::/8}']);
    expect(rule(value, 'filter/INPUT#2').target).toBeNull();
  });

  it('keeps text it cannot recover, as an unparsed match or as raw target text, warning once per kind', () => {
    const text = [
      'Chain PREROUTING (policy ACCEPT)',
      'target     prot opt source               destination',
      'CONNMARK   all  --  0.0.0.0/0            0.0.0.0/0            PHYSDEV match --physdev-in veth1 CONNMARK restore mask 0x80',
      'ACCEPT     all  --  0.0.0.0/0            0.0.0.0/0            PHYSDEV match --physdev-in veth2',
    ].join('\n');
    const { value, diagnostics } = parseIptablesList(text, 'f');
    const r = rule(value, 'nat/PREROUTING#1');
    expect(stripSpans(r.matches)).toEqual([{ kind: 'module', module: UNPARSED_LIST_MODULE, implicit: false, options: [{ name: 'text', negate: false, args: ['PHYSDEV match --physdev-in veth1'] }] }]);
    expect(stripSpans(r.target?.options)).toEqual([{ name: 'text', negate: false, args: ['CONNMARK restore mask 0x80'] }]);
    expect((r.matches[0] as ModuleMatch).span).toMatchObject({ column: col(text, 3, 'PHYSDEV'), endColumn: col(text, 3, ' CONNMARK restore') });
    expect(summary(diagnostics.filter((d) => d.code === 'IPT014' && d.severity === 'warning' && d.message.includes('could not')))).toEqual([
      `IPT014:3:${col(text, 3, 'PHYSDEV')}:warning`,
      `IPT014:3:${col(text, 3, 'CONNMARK restore')}:warning`,
    ]);
  });

  it('reads rows without a column header and skips lines outside chains', () => {
    const text = ['some note', 'Chain FORWARD (policy ACCEPT 0 packets, 0 bytes)', '    0     0 ACCEPT     all  --  *      *       10.244.0.0/16        0.0.0.0/0', 'not a row at all'].join('\n');
    const { value, diagnostics } = parseIptablesList(text, 'f');
    expect(matchesOf('filter/FORWARD#1', value)).toEqual(['src:10.244.0.0/16']);
    expect(summary(diagnostics.filter((d) => d.code === 'IPT013'))).toEqual(['IPT013:1:1:warning', 'IPT013:4:1:warning']);
  });

  it('converts every MARK print form to --set-xmark semantics', () => {
    expect(['or 0x4000', 'xor 0x4000', 'set 0x4d415351', 'and 0xffffbfff', 'xset 0x4000/0xc000'].map((s) => markToXmark(...(s.split(' ') as [string, string])))).toEqual([
      '0x4000/0x4000', '0x4000/0x0', '0x4d415351/0xffffffff', '0x0/0x4000', '0x4000/0xc000',
    ]);
    expect(markToXmark('or', 'nope')).toBeNull();
  });

  it('never throws on damaged listings (property)', () => {
    const texts = ['seed-000-nvL-nat.txt', 'docker-filter-nvL.list.txt', 'kube-nat-nvL-line-numbers.list.txt'].map(fixture);
    fc.assert(
      fc.property(fc.oneof(...texts.map(mutated), fc.string({ unit: 'binary', maxLength: 200 })), (t) => {
        const { value, diagnostics } = parseIptablesList(t, 'f');
        return positionsValid(t, diagnostics) && rulePositionsValid(t, value);
      }),
      { numRuns: 200 },
    );
  });
});
