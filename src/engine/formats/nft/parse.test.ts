import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatNftStatement } from './format';
import { parseNftRuleset } from './parse';
import type { NftChain, NftRuleset, NftTable } from './types';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const codes = (diags: { code: string; severity: string; line: number; column: number }[]) =>
  diags.map((d) => `${d.code} ${d.severity} ${d.line}:${d.column}`);
const table = (r: NftRuleset, family: string, name: string) => r.tables.find((t) => t.family === family && t.name === name)!;
const chain = (t: NftTable, name: string) => t.chains.find((c) => c.name === name)!;
const rules = (c: NftChain) => c.rules.map((r) => r.statements.map(formatNftStatement).join(' ; '));

describe('parseNftRuleset: kube-proxy nftables mode (real nft 1.0.6 output)', () => {
  const { value, diagnostics } = parseNftRuleset(fixture('kube-proxy-flannel-handles.txt'), 'kp.nft');
  const kp = table(value, 'ip', 'kube-proxy');

  it('reads the table, its comment and handle, and every chain, set and map', () => {
    expect(value.tables.map((t) => `${t.family} ${t.name}`)).toEqual(['ip kube-proxy', 'ip flannel-ipv4', 'ip6 flannel-ipv6']);
    expect(kp).toMatchObject({ comment: 'rules for kube-proxy', handle: 1, managedByIptables: false });
    expect(kp.chains).toHaveLength(37);
    expect(kp.sets.map((s) => `${s.kind} ${s.name}`)).toEqual([
      'set cluster-ips', 'set nodeport-ips', 'set affinity-CQPFWZPX-default/sticky/tcp/http__10.244.1.8/8080',
      'set affinity-GPOETWJF-default/sticky/tcp/http__10.244.2.9/8080', 'map no-endpoint-services', 'map no-endpoint-nodeports',
      'map firewall-ips', 'map service-ips', 'map service-nodeports',
    ]);
    expect(diagnostics).toEqual([]);
  });

  it('resolves base-chain priorities, keeping how they were written', () => {
    const prio = (name: string) => chain(kp, name).base!.priority;
    expect(prio('filter-prerouting')).toEqual({ value: -110, text: 'dstnat - 10' });
    expect(prio('filter-input')).toEqual({ value: -110, text: '-110' });
    expect(prio('nat-prerouting')).toEqual({ value: -100, text: 'dstnat' });
    expect(prio('nat-postrouting')).toEqual({ value: 100, text: 'srcnat' });
    expect(chain(kp, 'nat-output').base).toEqual({ type: 'nat', hook: 'output', devices: [], priority: { value: -100, text: '-100' }, policy: 'accept' });
    expect(chain(kp, 'services').base).toBeUndefined();
    expect(chain(kp, 'reject-chain').comment).toBe('helper for @no-endpoint-services / @no-endpoint-nodeports');
  });

  it('reads maps with concatenated keys, verdicts, element comments, and wrapped element lists', () => {
    const sips = kp.sets.find((s) => s.name === 'service-ips')!;
    expect(sips).toMatchObject({ keyType: ['ipv4_addr', 'inet_proto', 'inet_service'], dataType: 'verdict', comment: 'ClusterIP, ExternalIP and LoadBalancer IP traffic', handle: 45 });
    expect(sips.elements).toHaveLength(7);
    expect(sips.elements[6]).toMatchObject({
      key: { kind: 'concat', parts: [{ text: '10.96.0.1' }, { text: 'tcp' }, { number: 443 }] },
      data: { kind: 'verdict', verdict: { type: 'goto', chain: 'service-2QRHZV4L-default/kubernetes/tcp/https' } },
    });
    expect(sips.elements[1]!.span).toMatchObject({ line: 53, column: 9 });
    const noEp = kp.sets.find((s) => s.name === 'no-endpoint-services')!;
    expect(noEp.elements[0]).toMatchObject({ comment: 'default/empty:http', data: { verdict: { type: 'goto', chain: 'reject-chain' } } });
    expect(kp.sets.find((s) => s.name === 'cluster-ips')!.elements.map((e) => e.key.kind === 'literal' && e.key.text)).toEqual([
      '10.96.0.1', '10.96.0.10', '10.96.9.9', '10.96.44.2', '10.96.120.7', '10.96.201.15',
    ]);
    expect(kp.sets[2]).toMatchObject({ flags: ['dynamic', 'timeout'], timeoutSeconds: 10800, size: 65535, elements: [] });
  });

  it('reads the dispatch, service, endpoint and masquerade rules into typed statements', () => {
    expect(rules(chain(kp, 'services'))).toEqual([
      'ip daddr . meta l4proto . th dport vmap @service-ips',
      'ip daddr == @nodeport-ips ; meta l4proto . th dport vmap @service-nodeports',
    ]);
    expect(rules(chain(kp, 'service-H6U4RGLG-default/sticky/tcp/http'))).toEqual([
      'ip daddr == 10.96.44.2 ; tcp dport == 8080 ; ip saddr != 10.244.0.0/16 ; jump mark-for-masquerade',
      'ip saddr == @affinity-CQPFWZPX-default/sticky/tcp/http__10.244.1.8/8080 ; goto endpoint-CQPFWZPX-default/sticky/tcp/http__10.244.1.8/8080',
      'ip saddr == @affinity-GPOETWJF-default/sticky/tcp/http__10.244.2.9/8080 ; goto endpoint-GPOETWJF-default/sticky/tcp/http__10.244.2.9/8080',
      'numgen random mod 2 vmap { 0 : goto endpoint-CQPFWZPX-default/sticky/tcp/http__10.244.1.8/8080, 1 : goto endpoint-GPOETWJF-default/sticky/tcp/http__10.244.2.9/8080 }',
    ]);
    expect(rules(chain(kp, 'endpoint-CQPFWZPX-default/sticky/tcp/http__10.244.1.8/8080'))).toEqual([
      'ip saddr == 10.244.1.8 ; jump mark-for-masquerade',
      'update @affinity-CQPFWZPX-default/sticky/tcp/http__10.244.1.8/8080 { ip saddr }',
      'meta l4proto == tcp ; dnat to 10.244.1.8:8080',
    ]);
    expect(rules(chain(kp, 'masquerading'))).toEqual(['meta mark & 16384 == 0 ; return', 'meta mark set meta mark ^ 16384', 'masquerade fully-random']);
    expect(rules(chain(kp, 'filter-input'))).toEqual(['ct state & new != 0 ; jump nodeport-endpoints-check', 'ct state & new != 0 ; jump service-endpoints-check']);
    const ext = chain(kp, 'external-D2RGPZ6L-default/lb/tcp/http');
    expect(ext.rules.map((r) => r.comment)).toEqual(['short-circuit pod traffic', 'masquerade local traffic', 'short-circuit local traffic', undefined]);
    expect(rules(chain(kp, 'firewall-D2RGPZ6L-default/lb/tcp/http'))).toEqual(['ip saddr != { 198.51.100.0/25, 203.0.113.0/24 } ; drop']);
  });

  it('gives every rule its handle, text and span', () => {
    const r = chain(kp, 'service-2QRHZV4L-default/kubernetes/tcp/https').rules[1]!;
    expect(r.handle).toBe(72);
    expect(r.text).toBe('numgen random mod 1 vmap { 0 : goto endpoint-KJBNWEXB-default/kubernetes/tcp/https__172.18.0.2/6443 }');
    expect(r.span).toEqual({ file: 'kp.nft', line: 150, column: 3, endColumn: 104 });
    expect(r.statements[0]!.span).toEqual(r.span);
    expect(chain(kp, 'services')).toMatchObject({ handle: 14, span: { line: 133, column: 2 } });
  });

  it('reads the same rules without -a (no handles)', () => {
    const plain = parseNftRuleset(fixture('kube-proxy-flannel.txt'), 'kp.nft');
    const strip = (r: NftRuleset) => JSON.stringify(r.tables, (k, v) => (k === 'span' || k === 'handle' ? undefined : v));
    expect(strip(plain.value)).toEqual(strip(value));
    expect(plain.diagnostics).toEqual([]);
  });

  it('reads flannel tables for IPv4 and IPv6', () => {
    const f4 = table(value, 'ip', 'flannel-ipv4');
    expect(chain(f4, 'postrtg').base).toMatchObject({ type: 'nat', hook: 'postrouting', priority: { value: 100 } });
    expect(chain(f4, 'forward').comment).toBe('chain to accept flannel traffic');
    expect(rules(chain(f4, 'postrtg'))[0]).toBe('meta mark == 16384 ; return');
    expect(rules(chain(table(value, 'ip6', 'flannel-ipv6'), 'postrtg'))[2]).toBe('ip6 saddr == fd00:10:244::/56 ; ip6 daddr != ff00::/8 ; masquerade fully-random');
  });
});

describe('parseNftRuleset: a host firewall with every family', () => {
  const { value, diagnostics } = parseNftRuleset(fixture('firewall-handles.txt'), 'fw.nft');

  it('reads families, bridge and netdev priorities, devices and policies', () => {
    expect(value.tables.map((t) => `${t.family} ${t.name}`)).toEqual(['inet filter', 'ip nat', 'inet raw', 'netdev ingress-filter', 'bridge br-filter', 'arp arp-filter']);
    expect(chain(table(value, 'inet', 'filter'), 'input').base).toMatchObject({ policy: 'drop', priority: { value: 0, text: 'filter' } });
    expect(chain(table(value, 'bridge', 'br-filter'), 'forward').base!.priority).toEqual({ value: -200, text: 'filter' });
    expect(chain(table(value, 'netdev', 'ingress-filter'), 'ingress').base).toMatchObject({ hook: 'ingress', devices: ['lo'], priority: { value: -500 } });
    expect(chain(table(value, 'inet', 'raw'), 'mangle').base).toMatchObject({ type: 'route', priority: { value: -150, text: 'mangle' } });
  });

  it('reads sets with intervals, timeouts, expiries, comments, typeof and concatenated ranges', () => {
    const t = table(value, 'inet', 'filter');
    const block = t.sets.find((s) => s.name === 'blocklist')!;
    expect(block).toMatchObject({ flags: ['interval', 'timeout'], timeoutSeconds: 3600 });
    expect(block.elements.map((e) => [e.key.kind, e.timeoutSeconds, e.expiresSeconds, e.comment])).toEqual([
      ['prefix', 7200, 7181.612, undefined], ['literal', undefined, 3581.612, 'scanner'], ['range', undefined, 3581.612, undefined],
    ]);
    expect(t.sets.find((s) => s.name === 'trusted6')).toMatchObject({ typeofText: 'ip6 saddr', keyType: ['ipv6_addr'] });
    expect(t.sets.find((s) => s.name === 'svc-pairs')!.elements[0]!.key).toMatchObject({ kind: 'concat', parts: [{ kind: 'prefix' }, { text: 'tcp' }, { kind: 'range' }] });
    expect(t.sets.find((s) => s.name === 'port-policy')!.elements.map((e) => e.data)).toEqual([
      { kind: 'verdict', verdict: { type: 'drop' } }, { kind: 'verdict', verdict: { type: 'jump', chain: 'smtp-in' } }, { kind: 'verdict', verdict: { type: 'accept' } },
    ]);
    expect(table(value, 'ip', 'nat').sets[0]).toMatchObject({ kind: 'map', keyType: ['ipv4_addr'], dataType: 'ipv4_addr' });
  });

  it('keeps stateful objects as text with an info', () => {
    const t = table(value, 'inet', 'filter');
    expect(t.objects.map((o) => [o.kind, o.name, o.handle])).toEqual([['counter', 'ssh-attempts', 5], ['quota', 'web-quota', 6]]);
    expect(t.objects[1]!.text).toBe('quota web-quota { # handle 6\n\t\tover 25 mbytes\n\t}');
    expect(codes(diagnostics)).toEqual(['NFT012 info 3:2', 'NFT012 info 7:2']);
  });

  it('reads NAT forms and the rest of the statements without opaque parts', () => {
    expect(rules(chain(table(value, 'ip', 'nat'), 'prerouting'))).toEqual([
      'tcp dport == 8080 ; dnat to 10.0.0.5:80', 'tcp dport == 2222 ; dnat to 10.0.0.6',
      'ip daddr == 198.51.100.0/24 ; dnat to ip daddr map @dnat-map',
      'tcp dport == { 80, 443 } ; dnat to ip daddr map { 198.51.100.90 : 10.0.0.90 }',
      'meta iifname == "eth0" ; tcp dport == 8443 ; redirect to :443',
      'udp dport == 5353 ; dnat to numgen inc mod 2 map { 0 : 10.0.0.1, 1 : 10.0.0.2 }',
      'tcp dport == 6000-6010 ; dnat to 10.0.0.7:7000-7010',
    ]);
    expect(value.tables.flatMap((t) => t.chains.flatMap((c) => c.rules)).filter((r) => r.opaque)).toEqual([]);
  });
});

describe('parseNftRuleset: iptables-nft tables', () => {
  it('flags tables named by the "managed by iptables-nft" warning, wherever stderr put it', () => {
    const { value, diagnostics } = parseNftRuleset(fixture('iptables-nft.txt'), 'ipt.nft');
    expect(value.tables.map((t) => [t.name, t.managedByIptables])).toEqual([['nat', true], ['filter', true]]);
    expect(codes(diagnostics)).toEqual(['NFT009 info 38:4', 'NFT009 info 58:3', 'NFT010 warning 2:1', 'NFT010 warning 53:1']);
    const svc = chain(value.tables[0]!, 'KUBE-SVC-NPX46M4PTMTKRN6Y');
    expect(svc.rules.map((r) => r.opaque)).toEqual([true, false, false]);
    expect(rules(svc)[1]).toBe('meta random & 2147483647 < 1073741824 ; counter ; jump KUBE-SEP-UPD7ND2TPNSDBE6L');
  });

  it('recognises them by shape when the warning lines are missing', () => {
    const text = fixture('iptables-nft.txt').split('\n').filter((l) => !l.startsWith('# Warning')).join('\n');
    const { value } = parseNftRuleset(text, 'ipt.nft');
    expect(value.tables.map((t) => t.iptablesEvidence)).toEqual([
      'iptables built-in chains with xt compat expressions', 'iptables built-in chains with xt compat expressions',
    ]);
    const handWritten = parseNftRuleset('table ip filter {\n\tchain INPUT {\n\t\ttype filter hook input priority filter; policy accept;\n\t\tiifname "lo" counter packets 5 bytes 300 accept\n\t}\n}\n', 'f').value;
    expect(handWritten.tables[0]!.iptablesEvidence).toBe('iptables built-in chains, and a counter on every rule as iptables-nft adds');
    const own = parseNftRuleset('table ip filter {\n\tchain input {\n\t\ttype filter hook input priority filter; policy accept;\n\t\tiifname "lo" accept\n\t}\n}\n', 'f').value;
    expect(own.tables[0]!.managedByIptables).toBe(false);
  });
});

describe('parseNftRuleset: recovery', () => {
  it('a stray line ending in U+2028 gets a span inside its line (npm run fuzz found 1:2-1)', () => {
    for (const text of [' \u2028\n', '\u2028\u2028\n', 'x\u2028\n']) {
      const [d] = parseNftRuleset(text, 'f').diagnostics;
      expect(d).toMatchObject({ code: 'NFT001', line: 1 });
      expect(d!.column).toBeLessThan(d!.endColumn!);
      expect(d!.endColumn).toBeLessThanOrEqual(text.indexOf('\n') + 1);
    }
  });

  it('a base chain with "priority ;" and no value is flagged on the keyword (npm run fuzz found 28:37-36)', () => {
    const text = 'table ip t {\n\tchain c {\n\t\ttype filter hook forward priority ; policy drop;\n\t}\n}\n';
    const d = parseNftRuleset(text, 'f').diagnostics.find((x) => x.code === 'NFT005');
    const line = text.split('\n')[2]!;
    expect(d).toMatchObject({ line: 3, column: line.indexOf('priority') + 1, endColumn: line.indexOf('priority') + 'priority'.length + 1 });
  });

  it('skips prompts and stray text, reports unknown lines, and keeps reading', () => {
    const text = [
      'root@node:~# nft list ruleset',
      'some words',
      'table ip t {',
      '\tfrobnicate all the things',
      '\tchain c {',
      '\t\ttype filter hook input priority bogus; policy drop;',
      '\t\ttcp dport 22 accept',
      '\t}',
      '}',
      '}',
      'table nonsense t2 {',
      '\tchain d {',
      '\t\tjump nowhere',
      '\t}',
      '}',
    ].join('\n');
    const { value, diagnostics } = parseNftRuleset(text, 'r.nft');
    expect(codes(diagnostics)).toEqual([
      'NFT001 warning 2:1', 'NFT001 warning 4:2', 'NFT005 warning 6:35', 'NFT002 warning 10:1', 'NFT003 error 11:7', 'NFT015 warning 13:3',
    ]);
    expect(value.tables.map((t) => `${t.family} ${t.name} ${t.chains.map((c) => `${c.name}:${c.rules.length}`)}`)).toEqual(['ip t c:1', 'ip t2 d:1']);
    expect(chain(value.tables[0]!, 'c').base).toMatchObject({ policy: 'drop', priority: { value: null, text: 'bogus' } });
  });

  it('closes blocks left open at the next "table" and reports them', () => {
    const text = 'table ip a {\n\tchain c {\n\t\taccept\ntable ip b {\n\tset s {\n\t\ttype ipv4_addr\n\t\telements = { 10.0.0.1, 10.0.0.2\n\t}\n}\n';
    const { value, diagnostics } = parseNftRuleset(text, 'r.nft');
    expect(value.tables.map((t) => t.name)).toEqual(['a', 'b']);
    expect(value.tables[1]!.sets[0]!.elements.map((e) => e.key.kind === 'literal' && e.key.text)).toEqual(['10.0.0.1', '10.0.0.2']);
    expect(codes(diagnostics)).toEqual(['NFT002 error 2:2', 'NFT002 error 1:1', 'NFT002 warning 7:26']);
  });

  it('reads handles on sets and tables, chain names with dots and colons, and lone table listings', () => {
    const text = 'table inet t { # handle 7\n\tchain endpoint-X-ns/svc/tcp/p__fd00.10.244..5/80 { # handle 3\n\t\tip6 saddr fd00:10:244::5 jump mark # handle 9\n\t}\n\tchain mark {\n\t}\n}\n';
    const { value, diagnostics } = parseNftRuleset(text, 'r.nft');
    expect(value.tables[0]).toMatchObject({ handle: 7, chains: [{ name: 'endpoint-X-ns/svc/tcp/p__fd00.10.244..5/80', handle: 3, rules: [{ handle: 9 }] }, { name: 'mark' }] });
    expect(diagnostics).toEqual([]);
  });

  it('never throws on garbage', () => {
    for (const text of ['', '{', '}', 'table', 'table ip', 'table ip t {', 'table ip t {\n\tchain', 'table ip t { chain c { ip saddr', '"', '#', '@', 'table ip t {\n\tset s {\n\t\telements = { , : , }\n\t}\n}']) {
      expect(() => parseNftRuleset(text, 'g')).not.toThrow();
    }
  });
});

describe('parseNftRuleset: more shapes', () => {
  it('reads the kube-proxy sample of the dump-formats reference: chains without their table', () => {
    const text = [
      '\tchain service-2QRHZV4L-default/kubernetes/tcp/https { # handle 55',
      '\t\tip daddr 10.255.0.1 tcp dport 443 ip saddr != 10.244.0.0/16 jump mark-for-masquerade # handle 56',
      '\t\tnumgen random mod 1 vmap { 0 : goto endpoint-573J25N3-default/kubernetes/tcp/https__10.128.0.16/6443 } # handle 58',
      '\t}',
      '\tchain endpoint-573J25N3-default/kubernetes/tcp/https__10.128.0.16/6443 { # handle 54',
      '\t\tip saddr 10.128.0.16 jump mark-for-masquerade # handle 59',
      '\t\tmeta l4proto tcp dnat to 10.128.0.16:6443 # handle 60',
    ].join('\n');
    const { value, diagnostics } = parseNftRuleset(text, 'sample.nft');
    expect(value.tables).toHaveLength(1);
    expect(value.tables[0]).toMatchObject({ family: 'ip', name: '' });
    expect(value.tables[0]!.chains.map((c) => [c.name, c.handle, c.rules.map((r) => r.handle)])).toEqual([
      ['service-2QRHZV4L-default/kubernetes/tcp/https', 55, [56, 58]],
      ['endpoint-573J25N3-default/kubernetes/tcp/https__10.128.0.16/6443', 54, [59, 60]],
    ]);
    expect(rules(value.tables[0]!.chains[1]!)).toEqual(['ip saddr == 10.128.0.16 ; jump mark-for-masquerade', 'meta l4proto == tcp ; dnat to 10.128.0.16:6443']);
    expect(codes(diagnostics)).toEqual(['NFT001 info 1:2', 'NFT002 error 5:2', 'NFT015 warning 2:63', 'NFT015 warning 6:24']);
  });

  it('reads newer nft priorities (dstnat - 10 on input hooks), devices, flags, objects and set options', () => {
    const text = [
      'table inet t {',
      '\tflags dormant',
      '\tct helper ftp-standard {',
      '\t\ttype "ftp" protocol tcp',
      '\t\tl3proto ip',
      '\t}',
      '\tflowtable ft {',
      '\t\thook ingress priority filter',
      '\t\tdevices = { eth0, eth1 }',
      '\t}',
      '\tmap m {',
      '\t\ttypeof ip saddr . tcp dport : meta mark',
      '\t\tsize 1024',
      '\t\tflags interval',
      '\t\tgc-interval 1m',
      '\t\tpolicy memory',
      '\t\tauto-merge',
      '\t\tcounter',
      '\t\telements = { 10.0.0.0/24 . 80 counter packets 3 bytes 180 : 0x00000001 }',
      '\t}',
      '\tchain filter-input {',
      '\t\ttype filter hook input priority dstnat - 10; policy accept;',
      '\t}',
      '\tchain filter-output-post-dnat {',
      '\t\ttype filter hook output priority dstnat + 10; policy accept;',
      '\t}',
      '\tchain ingress {',
      '\t\ttype filter hook ingress devices = { eth0, eth1 } priority -500; policy drop;',
      '\t\tflow add @ft',
      '\t}',
      '}',
    ].join('\n');
    const { value, diagnostics } = parseNftRuleset(text, 'more.nft');
    const t = value.tables[0]!;
    expect(t.flags).toEqual(['dormant']);
    expect(t.objects.map((o) => `${o.kind} ${o.name}`)).toEqual(['ct helper ftp-standard', 'flowtable ft']);
    expect(t.sets[0]).toMatchObject({
      kind: 'map', typeofText: 'ip saddr . tcp dport : meta mark', keyType: ['ipv4_addr', 'inet_service'], dataType: 'mark', size: 1024,
      flags: ['interval'], gcIntervalSeconds: 60, policy: 'memory', autoMerge: true, counter: true,
    });
    expect(t.sets[0]!.elements[0]).toMatchObject({ counter: { packets: 3, bytes: 180 }, data: { number: 1 } });
    expect(chain(t, 'filter-input').base!.priority).toEqual({ value: -110, text: 'dstnat - 10' });
    expect(chain(t, 'filter-output-post-dnat').base!.priority).toEqual({ value: -90, text: 'dstnat + 10' });
    expect(chain(t, 'ingress').base).toMatchObject({ devices: ['eth0', 'eth1'], policy: 'drop', priority: { value: -500 } });
    expect(chain(t, 'ingress').rules[0]).toMatchObject({ opaque: true, statements: [{ kind: 'opaque', text: 'flow add @ft' }] });
    expect(codes(diagnostics)).toEqual(['NFT012 info 3:2', 'NFT012 info 7:2', 'NFT008 warning 29:3']);
  });
});

describe('parseNftRuleset: less common statements (real nft 1.0.6 output)', () => {
  it('reads limits, logs, quotas, nftrace, icmp types, dynamic sets, and keeps ct count and tproxy opaque', () => {
    const { value, diagnostics } = parseNftRuleset(fixture('extra-statements.txt'), 'x.nft');
    const t = value.tables[0]!;
    expect(t.sets.map((s) => [s.name, s.keyType.join(' . '), s.dataType, s.flags.join(','), s.size, s.counter])).toEqual([
      ['m', 'ipv4_addr . inet_service', 'mark', 'interval', undefined, true], ['seen', 'ipv4_addr . inet_service', undefined, 'dynamic', 1024, false],
    ]);
    expect(t.sets[0]!.elements[0]).toMatchObject({ counter: { packets: 0, bytes: 0 }, data: { number: 1 } });
    expect(rules(t.chains[0]!)).toEqual([
      'limit rate over 10 packets/second ; drop',
      'limit rate 1 mbytes/second ; accept',
      'log flags tcp,sequence,options',
      'log prefix "x" group 2',
      'quota until 104857600 bytes ; accept',
      'meta nftrace set 1',
      'icmp type == echo-request ; accept',
      'icmpv6 type == { nd-router-advert, nd-neighbor-solicit } ; accept',
      'ether type == 8021q ; accept',
      'ip saddr . tcp dport == @seen ; accept',
      'add @seen { ip saddr . tcp dport }',
      'opaque(ct count over 10) ; drop',
      'tcp dport == 80 ; meta mark set 1 ; counter',
      'ip ttl set 64',
      'meta iifname == "eth*" ; accept',
      'ip daddr == 10.0.0.1 ; tcp dport == 8080 ; opaque(tproxy ip to :3128)',
    ]);
    expect(t.chains[0]!.rules[0]!.statements[0]).toMatchObject({ kind: 'limit', burst: 20, over: true });
    expect(codes(diagnostics)).toEqual(['NFT008 warning 27:3', 'NFT008 warning 31:36']);
  });
});
