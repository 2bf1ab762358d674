import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inferTable } from './infer-table';
import { parseIptablesRules } from './parse-rules';
import { parsePromptLine } from './prompt';
import { chain, col, fixture, mutated, positionsValid, rule, rulePositionsValid } from './test-support';
import type { ModuleMatch } from './types';

const summary = (d: { code: string; line: number; column: number; severity: string }[]) => d.map((x) => `${x.code}:${x.line}:${x.column}:${x.severity}`);

describe('parseIptablesRules: iptables -S output', () => {
  it('reads -P, -N and -A lines into the given table', () => {
    const text = [
      '-P INPUT ACCEPT',
      '-P FORWARD DROP',
      '-P OUTPUT ACCEPT',
      '-N KUBE-FORWARD',
      '-A FORWARD -m comment --comment "kubernetes forwarding rules" -j KUBE-FORWARD',
      '-A KUBE-FORWARD -m conntrack --ctstate INVALID -j DROP',
    ].join('\n');
    const { value, diagnostics } = parseIptablesRules(text, 'node1-filter.txt');
    expect(diagnostics).toEqual([]);
    expect(value.source).toBe('rules');
    expect([...value.tables.keys()]).toEqual(['filter']);
    expect(chain(value, 'filter', 'FORWARD')).toMatchObject({ builtin: true, policy: 'DROP', span: { line: 2, column: 4 } });
    expect(chain(value, 'filter', 'KUBE-FORWARD')).toMatchObject({ builtin: false, policy: null, span: { line: 4, column: 4 } });
    expect(rule(value, 'filter/KUBE-FORWARD#1')).toMatchObject({ position: 1, text: '-A KUBE-FORWARD -m conntrack --ctstate INVALID -j DROP', span: { line: 6, column: 1 } });
  });

  it('reads -S -v counters on -P and -A lines', () => {
    const { value, diagnostics } = parseIptablesRules('-P INPUT ACCEPT -c 120 7200\n-A INPUT -i lo -c 5 300 -j ACCEPT\n', 'f');
    expect(diagnostics).toEqual([]);
    expect(chain(value, 'filter', 'INPUT').counters).toEqual({ packets: 120, bytes: 7200 });
    expect(rule(value, 'filter/INPUT#1').counters).toEqual({ packets: 5, bytes: 300 });
  });

  it('reads `iptables-save -c | grep` lines with a [p:b] prefix', () => {
    const text = '[12:720] -A KUBE-SERVICES -d 10.96.0.10/32 -p udp -m udp --dport 53 -j KUBE-SVC-TCOU7JCQXEZGVUNU\n';
    const { value, diagnostics } = parseIptablesRules(text, 'f', 'nat');
    expect(diagnostics.map((d) => d.code)).toEqual(['IPT005']);
    expect(rule(value, 'nat/KUBE-SERVICES#1')).toMatchObject({ counters: { packets: 12, bytes: 720 }, span: { column: 10 }, text: text.slice(9, -1) });
  });

  it('reads the seed --list-rule paste: shell comments, prose after rules, and a bad line do not hide later rules', () => {
    const text = fixture('seed-000-list-rules.txt');
    const { value, diagnostics } = parseIptablesRules(text, 'seed0.txt');
    const rules = chain(value, 'filter', 'FORWARD').rules;
    expect(rules.map((r) => r.target?.name)).toEqual(['DOCKER-USER', 'DOCKER-ISOLATION-STAGE-', 'ACCEPT', 'DOCKER', 'ACCEPT', 'ACCEPT', 'ACCEPT', 'ACCEPT']);
    expect(rules[7]).toMatchObject({ id: 'filter/FORWARD#8', span: { line: 16 } });
    expect(rules[2]?.matches.map((m) => (m.kind === 'module' ? m.module : m.kind))).toEqual(['oif', 'conntrack']);
    // Prose after `-j ACCEPT` is one warning at the first stray word; prose lines are skipped.
    const prose = diagnostics.find((d) => d.line === 9);
    expect(prose).toMatchObject({ code: 'IPT007', severity: 'warning', column: col(text, 9, '패킷이') });
    expect(diagnostics.filter((d) => d.code === 'IPT013').map((d) => d.line)).toEqual([1, 3, 5, 10, 11]);
    expect(diagnostics.some((d) => d.line === 7)).toBe(false); // `# append…` is a shell comment
  });

  it('reads the seed grep pastes: prompt lines set the table, repeats across greps are dropped', () => {
    const text = fixture('seed-002-S-nat.txt');
    const { value, diagnostics } = parseIptablesRules(text, 'seed2.txt');
    expect([...value.tables.keys()]).toEqual(['nat']);
    expect(chain(value, 'nat', 'PREROUTING').rules.map((r) => r.target?.name)).toEqual(['KUBE-SERVICES', 'DOCKER_OUTPUT']);
    expect(chain(value, 'nat', 'KUBE-SERVICES').rules.map((r) => r.target?.name)).toEqual(['RETURN', 'KUBE-MARK-MASQ', 'KUBE-NODE-PORT', 'ACCEPT']);
    const masq = rule(value, 'nat/KUBE-SERVICES#2');
    expect(masq.matches[0]).toMatchObject({ kind: 'src', negate: true, text: '10.10.0.0/16' });
    expect((masq.matches[2] as ModuleMatch).options[0]).toMatchObject({ name: 'match-set', args: ['KUBE-CLUSTER-IP', 'dst,dst'] });
    expect(chain(value, 'nat', 'KUBE-NODE-PORT').rules).toHaveLength(1);
    expect(diagnostics.filter((d) => d.code === 'IPT014').map((d) => d.line)).toEqual([3, 10, 43]);
    expect(diagnostics.some((d) => d.code === 'IPT015' || d.code === 'IPT005')).toBe(false);
  });

  it('infers nat when the rules cannot be in the given table, and says so (info)', () => {
    const text = '-P PREROUTING ACCEPT\n-A PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES\n';
    const { value, diagnostics } = parseIptablesRules(text, 'f', 'filter');
    expect([...value.tables.keys()]).toEqual(['nat']);
    expect(summary(diagnostics)).toEqual([`IPT002:2:${col(text, 2, '-j KUBE')}:info`]);
    expect(diagnostics[0]?.message).toContain('PREROUTING to KUBE-SERVICES');
  });

  it('keeps the given table when nothing contradicts it', () => {
    const { value, diagnostics } = parseIptablesRules('-A KUBE-SERVICES -j RETURN\n', 'f', 'mangle');
    expect([...value.tables.keys()]).toEqual(['mangle']);
    expect(summary(diagnostics)).toEqual(['IPT005:1:4:warning']);
  });

  it('switches tables at each prompt line and reports an unknown table', () => {
    const text = [
      '$ sudo iptables -t nat -S POSTROUTING',
      '-A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE',
      'root@w:~# iptables -S INPUT',
      '-A INPUT -i lo -j ACCEPT',
      'root@w:~# iptables --table=raw --list-rules',
      '-A PREROUTING -j CT --notrack',
      '# iptables -t natt -S',
      '-A X -j Y',
    ].join('\n');
    const { value, diagnostics } = parseIptablesRules(text, 'f');
    expect(rule(value, 'nat/POSTROUTING#1').target?.name).toBe('MASQUERADE');
    expect(rule(value, 'filter/INPUT#1').target?.name).toBe('ACCEPT');
    expect(rule(value, 'raw/PREROUTING#1').target?.name).toBe('CT');
    expect(summary(diagnostics)).toEqual([`IPT002:7:${col(text, 7, 'natt')}:error`]);
    expect(value.tables.get('raw')?.chains.has('X')).toBe(false);
    const bad = parseIptablesRules('root@w:~# iptables -t natt -S\n-A X -j Y\n', 'f');
    expect(summary(bad.diagnostics)).toEqual(['IPT002:1:23:error']);
    expect(bad.value.tables.size).toBe(0);
  });

  it('reports policy problems, missing chain names and duplicate -N', () => {
    const text = ['-P INPUT MAYBE', '-P', '-N', '-N X', '-N X', '-P X DROP', '-A', '-A X -j ACCEPT'].join('\n');
    const { value, diagnostics } = parseIptablesRules(text, 'f');
    expect(summary(diagnostics)).toEqual([
      'IPT004:1:10:warning',
      'IPT006:2:1:error',
      'IPT006:3:1:error',
      'IPT015:5:4:warning',
      'IPT004:6:4:warning',
      'IPT006:7:1:error',
    ]);
    expect(rule(value, 'filter/X#1').target?.name).toBe('ACCEPT');
  });

  it('never throws on damaged pastes (property)', () => {
    const text = fixture('seed-002-S-nat.txt');
    fc.assert(
      fc.property(fc.oneof(mutated(text), fc.string({ unit: 'binary', maxLength: 200 })), (t) => {
        const { value, diagnostics } = parseIptablesRules(t, 'f');
        return positionsValid(t, diagnostics) && rulePositionsValid(t, value);
      }),
      { numRuns: 150 },
    );
  });
});

describe('parsePromptLine', () => {
  it('finds the iptables command, its table, its kind and a pipe', () => {
    expect(parsePromptLine('root@myk8s-worker:/# iptables -t nat -S | grep KUBE-SERVICES')).toMatchObject({ table: 'nat', kind: 'rules', filtered: true, family: 'ipv4', tableColumn: 34 });
    expect(parsePromptLine('[root@worker1 ~]# iptables -L -t nat')).toMatchObject({ table: 'nat', kind: 'list', filtered: false });
    expect(parsePromptLine('sudo ip6tables -nvL')).toMatchObject({ table: 'filter', kind: 'list', family: 'ipv6' });
    expect(parsePromptLine('$ sudo /usr/sbin/iptables-legacy-save -t mangle')).toMatchObject({ table: 'mangle', kind: 'save' });
    expect(parsePromptLine('iptables -tnat -S')).toMatchObject({ table: 'nat' });
    expect(parsePromptLine('iptables --list-rule')).toMatchObject({ kind: 'rules' });
  });

  it('ignores prose that merely mentions iptables', () => {
    expect(parsePromptLine('iptables의 ip masqurade')).toBeNull();
    expect(parsePromptLine('We looked at iptables today')).toBeNull();
  });
});

describe('inferTable', () => {
  const span = { file: 'f', line: 1, column: 1 };
  it('reads nat-only targets, kube-proxy nat chains and built-in chain names', () => {
    expect(inferTable({ chains: [], targets: [{ chain: 'DOCKER', target: 'DNAT', span }] }, 'filter')?.table).toBe('nat');
    expect(inferTable({ chains: [{ name: 'KUBE-SEP-ABC', span }], targets: [] }, null)?.table).toBe('nat');
    expect(inferTable({ chains: [{ name: 'KUBE-SERVICES', span }], targets: [{ chain: 'KUBE-SERVICES', target: 'KUBE-SVC-X', span }] }, 'filter')?.table).toBe('nat');
    expect(inferTable({ chains: ['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING'].map((name) => ({ name, span })), targets: [] }, null)?.table).toBe('mangle');
    expect(inferTable({ chains: ['INPUT', 'FORWARD', 'OUTPUT'].map((name) => ({ name, span })), targets: [] }, 'filter')).toBeNull();
    expect(inferTable({ chains: [{ name: 'OUTPUT', span }], targets: [] }, null)).toBeNull();
    expect(inferTable({ chains: [{ name: 'KUBE-SVC-X', span }], targets: [] }, 'nat')).toBeNull();
  });
});
