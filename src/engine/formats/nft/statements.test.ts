import { describe, expect, it } from 'vitest';
import { formatNftStatement } from './format';
import { lexNft } from './lexer';
import { parseRuleTokens } from './statements';
import type { NftStatement } from './types';

/** Parses one rule line; returns its statements in normalised nft syntax and the diagnostics' codes. */
function rule(text: string) {
  const diags: { code: string }[] = [];
  const tokens = lexNft(text, 'r.nft', diags as never[]).filter((t) => t.kind !== 'newline' && t.kind !== 'comment');
  const r = parseRuleTokens(tokens, 'r.nft', diags as never[]);
  return { shown: r.statements.map(formatNftStatement), statements: r.statements, comment: r.comment, opaque: r.opaque, codes: diags.map((d) => d.code) };
}
const shown = (text: string) => rule(text).shown;

describe('parseRuleTokens: matches', () => {
  it('reads payload, meta and ct matches with implicit and explicit operators', () => {
    expect(shown('ip daddr 10.96.0.1 tcp dport 443 ip saddr != 10.244.0.0/16 jump mark-for-masquerade')).toEqual([
      'ip daddr == 10.96.0.1', 'tcp dport == 443', 'ip saddr != 10.244.0.0/16', 'jump mark-for-masquerade',
    ]);
    expect(shown('meta l4proto tcp ip protocol udp th dport < 1024 udp sport >= 53 meta nfproto ipv4 meta pkttype broadcast')).toEqual([
      'meta l4proto == tcp', 'ip protocol == udp', 'th dport < 1024', 'udp sport >= 53', 'meta nfproto == ipv4', 'meta pkttype == broadcast',
    ]);
    expect(shown('iifname "eth*" oifname != "cni0" iif "lo" oif lo mark 0x10')).toEqual([
      'meta iifname == "eth*"', 'meta oifname != "cni0"', 'meta iif == "lo"', 'meta oif == lo', 'meta mark == 16',
    ]);
  });

  it('reads bitmask types as flag tests (op "in"), as nft -j does', () => {
    const r = rule('ct state established,related accept');
    expect(r.shown).toEqual(['ct state & (established | related) != 0', 'accept']);
    expect(r.statements[0]).toMatchObject({ kind: 'match', op: 'in', right: { kind: 'list' } });
    expect(shown('ct status dnat ct direction reply ct mark 0x00000010 ct original saddr 10.0.0.1 ct reply ip daddr 10.0.0.2')).toEqual([
      'ct status & dnat != 0', 'ct direction == reply', 'ct mark == 16', 'ct original saddr == 10.0.0.1', 'ct reply ip daddr == 10.0.0.2',
    ]);
    expect(shown('tcp flags syn / fin,syn,rst,ack')).toEqual(['tcp flags & (fin | syn | rst | ack) == syn']);
    expect(shown('tcp flags & (fin | syn | rst | ack) == syn')).toEqual(['tcp flags & (fin | syn | rst | ack) == syn']);
    expect(shown('ct state { established, related } accept')).toEqual(['ct state == { established, related }', 'accept']);
  });

  it('reads binary operators, fib, numgen, jhash, raw payloads and ext headers', () => {
    expect(shown('meta mark & 0x00004000 == 0x00000000 return')).toEqual(['meta mark & 16384 == 0', 'return']);
    expect(shown('meta random & 2147483647 < 1073741824')).toEqual(['meta random & 2147483647 < 1073741824']);
    expect(shown('fib daddr type local ip daddr != 127.0.0.0/8 meta l4proto . th dport vmap @service-nodeports')).toEqual([
      'fib daddr type == local', 'ip daddr != 127.0.0.0/8', 'meta l4proto . th dport vmap @service-nodeports',
    ]);
    expect(shown('fib saddr . iif oif missing drop')).toEqual(['fib saddr . iif oif == missing', 'drop']);
    expect(shown('@th,16,16 22 tcp option maxseg size 1400 ip6 nexthdr ipv6-icmp')).toEqual(['@th,16,16 == 22', 'tcp option maxseg size == 1400', 'ip6 nexthdr == ipv6-icmp']);
    const numgen = rule('numgen random mod 2 offset 1 vmap { 1 : goto a, 2 : jump b }').statements[0]!;
    expect(numgen).toMatchObject({ kind: 'vmap', key: { kind: 'numgen', mode: 'random', mod: 2, offset: 1 } });
    expect(shown('meta mark set jhash ip saddr . tcp sport mod 4 seed 0xdead offset 100')).toEqual(['meta mark set jhash ip saddr . tcp sport mod 4 seed 57005 offset 100']);
  });

  it('reads set lookups, anonymous sets, ranges, prefixes and concatenations', () => {
    expect(shown('ip daddr . meta l4proto . th dport @svc-pairs accept')).toEqual(['ip daddr . meta l4proto . th dport == @svc-pairs', 'accept']);
    expect(shown('tcp dport { 22, 80, 8000-8999 } ip saddr { 10.0.0.0/8, 192.168.1.1-192.168.1.9 }')).toEqual([
      'tcp dport == { 22, 80, 8000-8999 }', 'ip saddr == { 10.0.0.0/8, 192.168.1.1-192.168.1.9 }',
    ]);
    expect(shown('ip6 saddr fd00::/8 ip6 daddr fd00::1-fd00::9 ether saddr 02:42:ac:11:00:02')).toEqual([
      'ip6 saddr == fd00::/8', 'ip6 daddr == fd00::1-fd00::9', 'ether saddr == 02:42:ac:11:00:02',
    ]);
    expect(shown('meta l4proto { icmp, ipv6-icmp } reject with icmpx admin-prohibited')).toEqual(['meta l4proto == { icmp, ipv6-icmp }', 'reject with icmpx admin-prohibited']);
    expect(shown('ip daddr . tcp dport { 10.0.0.1 . 80, 10.0.0.2 . 443 } accept')).toEqual(['ip daddr . tcp dport == { 10.0.0.1 . 80, 10.0.0.2 . 443 }', 'accept']);
  });
});

describe('parseRuleTokens: statements', () => {
  it('reads vmaps onto named and anonymous verdict maps', () => {
    const r = rule('numgen random mod 2 vmap { 0 : goto endpoint-A-default/web/tcp/http__10.0.0.1/80, 1 : goto endpoint-B }');
    expect(r.statements[0]).toMatchObject({ kind: 'vmap', map: { kind: 'set', elements: [
      { key: { kind: 'literal', number: 0 }, data: { kind: 'verdict', verdict: { type: 'goto', chain: 'endpoint-A-default/web/tcp/http__10.0.0.1/80' } } },
      { key: { kind: 'literal', number: 1 }, data: { kind: 'verdict', verdict: { type: 'goto', chain: 'endpoint-B' } } },
    ] } });
    expect(shown('tcp dport vmap { 22 : accept, 23 : drop, 25 : jump smtp }')).toEqual(['tcp dport vmap { 22 : accept, 23 : drop, 25 : jump smtp }']);
  });

  it('reads mark and field changes', () => {
    expect(shown('meta mark set meta mark | 0x00004000')).toEqual(['meta mark set meta mark | 16384']);
    expect(shown('meta mark set mark or 0x4000')).toEqual(['meta mark set meta mark | 16384']);
    expect(shown('mark set 0x1 ct mark set mark ct zone set 5 meta priority set 1:2 ip dscp set cs4 tcp option maxseg size set rt mtu')).toEqual([
      'meta mark set 1', 'ct mark set meta mark', 'ct zone set 5', 'meta priority set 1:2', 'ip dscp set cs4', 'tcp option maxseg size set rt mtu',
    ]);
    expect(rule('meta mark set meta mark ^ 0x4000').statements[0]).toMatchObject({ kind: 'mangle', target: { kind: 'meta', key: 'mark' }, value: { kind: 'binop', op: '^' } });
  });

  it('reads NAT: dnat/snat with ports, ranges, families, maps; masquerade and redirect', () => {
    expect(shown('meta l4proto tcp dnat to 10.128.0.16:6443')).toEqual(['meta l4proto == tcp', 'dnat to 10.128.0.16:6443']);
    const d = rule('dnat to 10.0.0.7:7000-7010').statements[0]!;
    expect(d).toMatchObject({ kind: 'nat', nat: 'dnat', addr: { kind: 'literal', text: '10.0.0.7' }, port: { kind: 'range' } });
    expect(shown('dnat ip to 10.0.0.6 dnat ip6 to [fd00::6]:8080 snat to 192.0.2.1-192.0.2.10 persistent')).toEqual([
      'dnat ip to 10.0.0.6', 'dnat ip6 to fd00::6:8080', 'snat to 192.0.2.1-192.0.2.10 persistent',
    ]);
    expect(shown('dnat to ip daddr map @dnat-map dnat to numgen inc mod 2 map { 0 : 10.0.0.1, 1 : 10.0.0.2 }')).toEqual([
      'dnat to ip daddr map @dnat-map', 'dnat to numgen inc mod 2 map { 0 : 10.0.0.1, 1 : 10.0.0.2 }',
    ]);
    expect(shown('masquerade fully-random masquerade to :1024-65535 random,persistent redirect to :443 masquerade')).toEqual([
      'masquerade fully-random', 'masquerade to :1024-65535 random,persistent', 'redirect to :443', 'masquerade',
    ]);
  });

  it('reads counters, logs, limits, quotas, reject, notrack, queue and set updates', () => {
    expect(rule('counter packets 12 bytes 3400 accept').statements[0]).toMatchObject({ kind: 'counter', packets: 12, bytes: 3400 });
    expect(shown('counter name "ssh" log prefix "ssh: " level info group 2 flags tcp sequence,options')).toEqual([
      'counter name ssh', 'log prefix "ssh: " level info group 2 flags tcp,sequence,options',
    ]);
    expect(rule('limit rate over 10/second burst 5 packets drop').statements[0]).toMatchObject({ kind: 'limit', rate: 10, per: 'second', over: true, burst: 5, unit: 'packets' });
    expect(rule('limit rate 10 mbytes/second').statements[0]).toMatchObject({ kind: 'limit', rate: 10, unit: 'mbytes', per: 'second' });
    expect(rule('quota over 25 mbytes used 1 kbytes drop').statements[0]).toMatchObject({ kind: 'quota', over: true, bytes: 26214400, usedBytes: 1024 });
    expect(shown('reject reject with tcp reset reject with icmp type host-unreachable reject with icmpv6 port-unreachable notrack queue num 1-3 bypass')).toEqual([
      'reject', 'reject with tcp reset', 'reject with icmp host-unreachable', 'reject with icmpv6 port-unreachable', 'notrack', 'queue num 1-3 bypass',
    ]);
    expect(rule('update @affinity-X-default/sticky/tcp/http__10.244.1.8/8080 { ip saddr timeout 3h }').statements[0]).toMatchObject({
      kind: 'setUpdate', op: 'update', set: 'affinity-X-default/sticky/tcp/http__10.244.1.8/8080', key: { kind: 'payload', field: 'saddr' }, timeoutSeconds: 10800,
    });
    expect(shown('add @seen { ip saddr . tcp dport } delete @seen { ip saddr . tcp dport }')).toEqual(['add @seen { ip saddr . tcp dport }', 'delete @seen { ip saddr . tcp dport }']);
  });

  it('takes a trailing comment off as the rule comment', () => {
    const r = rule('ip saddr 10.244.0.0/16 goto service-X comment "short-circuit pod traffic"');
    expect(r.comment).toBe('short-circuit pod traffic');
    expect(r.shown).toEqual(['ip saddr == 10.244.0.0/16', 'goto service-X']);
  });
});

describe('parseRuleTokens: what it does not understand', () => {
  it('keeps xt expressions as opaque-marking nodes, once noted', () => {
    const r = rule('meta l4proto tcp xt match "recent" xt target MARK counter packets 0 bytes 0');
    expect(r.shown).toEqual(['meta l4proto == tcp', 'xt match recent', 'xt target MARK', 'counter']);
    expect(r.opaque).toBe(true);
    expect(r.codes).toEqual(['NFT009', 'NFT009']);
  });

  it('keeps unknown expressions as one opaque statement, and still reads the final verdict', () => {
    const r = rule('tcp dport 22 socket transparent 1 meta mark 0x1 accept');
    expect(r.shown).toEqual(['tcp dport == 22', 'opaque(socket transparent 1 meta mark 0x1)', 'accept']);
    expect(r.opaque).toBe(true);
    expect(r.codes).toEqual(['NFT008']);
    const s = r.statements[1] as NftStatement & { kind: 'opaque' };
    expect(s.span).toEqual({ file: 'r.nft', line: 1, column: 14, endColumn: 48 });
    expect(rule('flow add @ft jump x').shown).toEqual(['opaque(flow add @ft)', 'jump x']);
    expect(rule('osf name "Linux"').shown).toEqual(['opaque(osf name "Linux")']);
  });
});
