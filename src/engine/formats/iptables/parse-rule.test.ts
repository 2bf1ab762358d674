import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../diagnostics';
import { FAMILY_IPV6 } from './basic-match';
import { RAW_BASIC_MODULE, UNKNOWN_OPTIONS_MODULE } from './extensions';
import { checkRuleTokens, parseRuleTokens } from './parse-rule';
import { stripSpans } from './test-support';
import { tokenizeLine } from './tokenize';
import type { ModuleMatch } from './types';

/** Parses `-A CHAIN rest…` as one line and returns the body plus diagnostics. */
function parse(line: string, shellComments = false) {
  const diagnostics: Diagnostic[] = [];
  const { tokens } = tokenizeLine(line, 'f', 1);
  const body = parseRuleTokens(tokens, 2, { file: 'f', line: 1, diagnostics, shellComments });
  return { ...body, diagnostics, plain: stripSpans(body.matches), target: body.target };
}

const at = (line: string, needle: string, nth = 1): number => {
  let i = -1;
  for (let k = 0; k < nth; k++) i = line.indexOf(needle, i + 1);
  return i + 1;
};
const codes = (d: Diagnostic[]) => d.map((x) => `${x.code}@${x.column}`);

describe('parseRuleTokens: basic matches', () => {
  it('reads -s/-d with prefix, dotted mask and bare address (/32), and the long forms', () => {
    const r = parse('-A X -s 10.244.0.0/16 --destination 10.96.0.10 --src 1.2.3.0/255.255.255.0');
    expect(r.diagnostics).toEqual([]);
    expect(r.plain).toEqual([
      { kind: 'src', negate: false, net: { addr: 0x0af40000, mask: 0xffff0000, prefix: 16 }, text: '10.244.0.0/16' },
      { kind: 'dst', negate: false, net: { addr: 0x0a60000a, mask: 0xffffffff, prefix: 32 }, text: '10.96.0.10' },
      { kind: 'src', negate: false, net: { addr: 0x01020300, mask: 0xffffff00, prefix: 24 }, text: '1.2.3.0/255.255.255.0' },
    ]);
  });

  it('keeps a non-contiguous dotted mask (prefix null)', () => {
    const r = parse('-A X -d 10.0.5.0/255.0.255.0');
    expect(r.plain[0]).toMatchObject({ net: { addr: 0x0a000500, mask: 0xff00ff00, prefix: null } });
  });

  it('reads interfaces (keeping the + wildcard), protocols by name and number, and fragments', () => {
    const r = parse('-A X ! -i cali+ --out-interface eth0 -p 47 ! -f');
    expect(r.plain).toEqual([
      { kind: 'iif', negate: true, name: 'cali+' },
      { kind: 'oif', negate: false, name: 'eth0' },
      { kind: 'proto', negate: false, proto: 47, text: '47' },
      { kind: 'fragment', negate: true },
    ]);
    expect(parse('-A X --protocol ipv6-icmp').plain[0]).toMatchObject({ proto: 58 });
  });

  it('places the prefix ! in the span and accepts the old postfix form', () => {
    const line = '-A X ! -s 10.0.0.0/8 -d ! 10.96.0.1';
    const r = parse(line);
    expect(r.matches[0]).toMatchObject({ kind: 'src', negate: true, span: { column: at(line, '!'), endColumn: at(line, ' -d') } });
    expect(r.matches[1]).toMatchObject({ kind: 'dst', negate: true, span: { column: at(line, '-d'), endColumn: line.length + 1 } });
  });

  it('keeps IPv6 addresses as a raw basic match, without a diagnostic', () => {
    const r = parse('-A X ! -s fd00:10:244::/56 -j ACCEPT');
    expect(r.diagnostics).toEqual([]);
    expect(r.families).toBe(FAMILY_IPV6);
    expect(r.plain[0]).toEqual({ kind: 'module', module: RAW_BASIC_MODULE, implicit: true, options: [{ name: 'source', negate: true, args: ['fd00:10:244::/56'] }] });
  });
});

describe('parseRuleTokens: modules and options', () => {
  it("parses kube-proxy's restore order: --dport after -p/-d still belongs to the earlier -m tcp", () => {
    const line = '-A KUBE-SERVICES -m comment --comment ns1/svc1:p80 -m tcp -p tcp -d 172.30.0.41 --dport 80 -j KUBE-SVC-XPGD46QRK7WJZT7O';
    const r = parse(line);
    expect(r.diagnostics).toEqual([]);
    expect(r.plain).toEqual([
      { kind: 'module', module: 'comment', implicit: false, options: [{ name: 'comment', negate: false, args: ['ns1/svc1:p80'] }] },
      { kind: 'module', module: 'tcp', implicit: false, options: [{ name: 'dport', negate: false, args: ['80'] }] },
      { kind: 'proto', negate: false, proto: 6, text: 'tcp' },
      { kind: 'dst', negate: false, net: { addr: 0xac1e0029, mask: 0xffffffff, prefix: 32 }, text: '172.30.0.41' },
    ]);
    const tcp = r.matches[1] as ModuleMatch;
    expect(tcp.span).toMatchObject({ column: at(line, '-m tcp'), endColumn: at(line, ' -j') });
    expect(tcp.options[0]?.span).toMatchObject({ column: at(line, '--dport'), endColumn: at(line, ' -j') });
  });

  it('creates an implicit protocol module for options without -m (after -p or after another module)', () => {
    expect(parse('-A X -p tcp --dport 80 -j ACCEPT').plain[1]).toEqual({ kind: 'module', module: 'tcp', implicit: true, options: [{ name: 'dport', negate: false, args: ['80'] }] });
    const r = parse('-A X -p udp -m comment --comment dns --sport 53');
    expect(r.plain.map((m) => (m.kind === 'module' ? `${m.module}:${m.implicit}` : m.kind))).toEqual(['proto', 'comment:false', 'udp:true']);
  });

  it('puts a module-level ! on the option (prefix form, as iptables-save prints it)', () => {
    const r = parse(
      '-A X -m mark ! --mark 0x4000/0x4000 -m addrtype ! --dst-type LOCAL -m conntrack ! --ctstate RELATED,ESTABLISHED,DNAT ' +
        '-m set ! --match-set KUBE-LOOP-BACK dst,dst,src -m statistic --mode random ! --probability 0.5 -m tcp ! --dport 80',
    );
    expect(r.diagnostics).toEqual([]);
    const opts = (r.plain as ModuleMatch[]).flatMap((m) => m.options.map((o) => `${m.module}:${o.negate ? '!' : ''}${o.name}=${o.args.join('|')}`));
    expect(opts).toEqual([
      'mark:!mark=0x4000/0x4000',
      'addrtype:!dst-type=LOCAL',
      'conntrack:!ctstate=RELATED,ESTABLISHED,DNAT',
      'set:!match-set=KUBE-LOOP-BACK|dst,dst,src',
      'statistic:mode=random',
      'statistic:!probability=0.5',
      'tcp:!dport=80',
    ]);
  });

  it('accepts the old postfix negation --dport ! 80', () => {
    const line = '-A X -p tcp -m tcp --dport ! 80';
    const r = parse(line);
    expect((r.matches[1] as ModuleMatch).options[0]).toMatchObject({ name: 'dport', negate: true, args: ['80'], span: { column: at(line, '--dport'), endColumn: line.length + 1 } });
  });

  it('reads zero-argument flags and two-argument options', () => {
    const r = parse('-A X -m recent --rcheck --seconds 10800 --reap --name KUBE-SEP-X --mask 255.255.255.255 --rsource -m addrtype --src-type LOCAL --limit-iface-in -m tcp --tcp-flags SYN,ACK SYN -j MASQUERADE --random-fully');
    expect(r.diagnostics).toEqual([]);
    const summary = (r.plain as ModuleMatch[]).map((m) => m.options.map((o) => `${o.name}(${o.args.length})`).join(' '));
    expect(summary).toEqual([
      'rcheck(0) seconds(1) reap(0) name(1) mask(1) rsource(0)',
      'src-type(1) limit-iface-in(0)',
      'tcp-flags(2)',
    ]);
    expect(stripSpans(r.target)).toEqual({ name: 'MASQUERADE', goto: false, options: [{ name: 'random-fully', negate: false, args: [] }] });
  });

  it('keeps the same module twice as two matches (Calico)', () => {
    const r = parse('-A cali-POSTROUTING -o tunl0 -m addrtype ! --src-type LOCAL --limit-iface-out -m addrtype --src-type LOCAL -j MASQUERADE');
    const mods = r.plain.filter((m) => m.kind === 'module') as ModuleMatch[];
    expect(mods.map((m) => m.options.map((o) => `${o.negate ? '!' : ''}${o.name}`))).toEqual([['!src-type', 'limit-iface-out'], ['src-type']]);
  });

  it('reads -j/-g targets with their options and spans, and rules without a target', () => {
    const line = '-A X -p tcp -m tcp -j DNAT --to-destination 10.244.1.5:8080 --persistent';
    const r = parse(line);
    expect(r.target).toMatchObject({ name: 'DNAT', goto: false, span: { column: at(line, '-j'), endColumn: line.length + 1 } });
    expect(stripSpans(r.target?.options)).toEqual([
      { name: 'to-destination', negate: false, args: ['10.244.1.5:8080'] },
      { name: 'persistent', negate: false, args: [] },
    ]);
    expect(parse('-A X -i cali123 -g cali-fw-cali123').target).toMatchObject({ name: 'cali-fw-cali123', goto: true });
    expect(parse('-A KUBE-FW-X -m comment --comment "other traffic will be dropped"').target).toBeNull();
  });

  it('reads -c P B counters (iptables -S -v)', () => {
    expect(parse('-A X -s 1.2.3.4/32 -c 12 3456 -j ACCEPT').counters).toEqual({ packets: 12, bytes: 3456 });
  });

  it('treats quoted words, negative numbers and --opt=value as values', () => {
    const r = parse('-A X -m comment --comment "-j DROP" -m hashlimit --hashlimit-x -1 --hashlimit-name=web');
    expect(r.diagnostics).toEqual([]);
    expect((r.plain as ModuleMatch[]).map((m) => m.options.map((o) => [o.name, ...o.args]))).toEqual([
      [['comment', '-j DROP']],
      [['hashlimit-x', '-1'], ['hashlimit-name', 'web']],
    ]);
  });
});

describe('parseRuleTokens: problems are diagnostics with exact columns', () => {
  it('reports a bad address (IPT009) and keeps the rule with a raw match', () => {
    const line = '-A X -s 10.0.0.256/8 -j DROP';
    const r = parse(line);
    expect(codes(r.diagnostics)).toEqual([`IPT009@${at(line, '10.0.0.256')}`]);
    expect(r.plain[0]).toMatchObject({ kind: 'module', module: RAW_BASIC_MODULE });
    expect(r.target?.name).toBe('DROP');
  });

  it('reports bad ports (IPT010), bad values (IPT016) and bad NAT addresses', () => {
    const line = '-A X -p tcp -m tcp --dport 99999 -m multiport --dports 80,x -m mark --mark zz -m statistic --mode random --probability 1.5 -m conntrack --ctstate NEW,BOGUS -j DNAT --to-destination 10.0.0.999:80';
    expect(codes(parse(line).diagnostics)).toEqual([
      `IPT010@${at(line, '99999')}`,
      `IPT010@${at(line, '80,x')}`,
      `IPT016@${at(line, 'zz')}`,
      `IPT016@${at(line, '1.5')}`,
      `IPT016@${at(line, 'NEW,BOGUS')}`,
      `IPT009@${at(line, '10.0.0.999')}`,
    ]);
  });

  it('reports missing values (IPT006) on the option word', () => {
    const line = '-A X -m comment --comment -p -j';
    const r = parse(line);
    expect(codes(r.diagnostics)).toEqual([`IPT006@${at(line, '--comment')}`, `IPT006@${at(line, '-p')}`, `IPT006@${at(line, '-j')}`]);
    expect(r.target).toMatchObject({ name: '' });
  });

  it('keeps unknown modules (IPT011), unknown options (IPT007) and unknown protocols (IPT016)', () => {
    const line = '-A X -p bogus --foo 1 -m weird --w 2 -x 3';
    const r = parse(line);
    expect(codes(r.diagnostics)).toEqual([`IPT016@${at(line, 'bogus')}`, `IPT007@${at(line, '--foo')}`, `IPT011@${at(line, 'weird')}`, `IPT007@${at(line, '-x')}`]);
    expect((r.plain as ModuleMatch[]).map((m) => `${m.module}:${m.options.map((o) => o.name).join(',')}`)).toEqual([
      `${RAW_BASIC_MODULE}:protocol`,
      `${UNKNOWN_OPTIONS_MODULE}:foo`,
      'weird:w',
      `${UNKNOWN_OPTIONS_MODULE}:x`,
    ]);
  });

  it('reports stray words once per run (IPT007) and dangling or doubled !', () => {
    const line = '-A X -j ACCEPT 패킷이 docker0를 ! ! -s 1.2.3.4 !';
    expect(codes(parse(line).diagnostics)).toEqual([`IPT007@${at(line, '패킷이')}`, `IPT016@${at(line, '!', 2)}`, `IPT016@${at(line, '!', 3)}`]);
  });

  it('stops at a shell comment in pasted -S output', () => {
    const r = parse('-A FORWARD -j DOCKER-USER  # append, forward rules', true);
    expect(r.diagnostics).toEqual([]);
    expect(r.target?.name).toBe('DOCKER-USER');
  });
});

const WORDS = ['!', '-m', 'tcp', 'udp', 'comment', 'recent', 'statistic', 'mark', 'set', 'unknownmod', '-p', '-s', '-d', '-i', '-f', '-j', '-g', 'DNAT', 'MARK', 'NOPE',
  '--dport', '--dport=99999', '--sport', '80', '1:2', '--comment', '"a b"', '--to-destination', '1.2.3.4:80', '1.2.3:x', '--set-xmark', '0x4000/0x4000', 'zz',
  '--mode', 'random', '--probability', '0.5', '2', '--name', '--rcheck', '--mask', '--match-set', 'S', 'src', '-c', '5', '10.0.0.0/8', '::1', '-x', '#c', '""'];

describe('checkRuleTokens', () => {
  it('reports what parseRuleTokens reports, with the same families and target, without building the rule', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...WORDS), { maxLength: 24 }), fc.boolean(), (words, shellComments) => {
        const line = `-A X ${words.join(' ')}`;
        const { tokens } = tokenizeLine(line, 'f', 1);
        const built: Diagnostic[] = [];
        const body = parseRuleTokens(tokens, 2, { file: 'f', line: 1, diagnostics: built, shellComments });
        const checked: Diagnostic[] = [];
        const check = checkRuleTokens(tokens, 2, { file: 'f', line: 1, diagnostics: checked, shellComments });
        expect(checked).toEqual(built);
        expect(check.families).toBe(body.families);
        expect(check.targetName).toBe(body.target?.name ?? null);
        if (body.target) expect(check.targetSpan()).toEqual(body.target.span);
      }),
      { numRuns: 400 },
    );
  });
});
