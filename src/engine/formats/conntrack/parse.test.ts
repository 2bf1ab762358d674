import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { conntrackNat, isNatted } from './nat';
import { parseConntrack } from './parse';
import type { ConntrackEntry, ConntrackTuple } from './types';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const tuple = (t: ConntrackTuple) => `${t.src}${t.sport !== undefined ? `:${t.sport}` : ''} > ${t.dst}${t.dport !== undefined ? `:${t.dport}` : ''}`
  + (t.type !== undefined ? ` icmp ${t.type}/${t.code}/${t.id}` : '');
const show = (e: ConntrackEntry) => [e.event ? `[${e.event}] ` : '', `${e.proto}/${e.protonum} ${e.timeout ?? '-'}`, e.state ? ` ${e.state}` : '',
  ` ${tuple(e.orig)} | ${tuple(e.reply)}`, e.flags.length ? ` [${e.flags.join(',')}]` : ''].join('');
const codes = (diags: { code: string; severity: string; line: number; column: number }[]) =>
  diags.map((d) => `${d.code} ${d.severity} ${d.line}:${d.column}`);

describe('parseConntrack', () => {
  it('reads conntrack -L from a kube node, prompt and stderr summary included', () => {
    const { value, diagnostics } = parseConntrack(fixture('kube-node-conntrack-L.txt'), 'ct.txt');
    expect(value.entries.map(show)).toEqual([
      'tcp/6 86396 ESTABLISHED 10.244.1.5:41234 > 10.96.0.1:443 | 172.18.0.2:6443 > 10.244.1.5:41234 [ASSURED]',
      'udp/17 28 10.244.1.5:53012 > 10.96.0.10:53 | 10.244.0.3:53 > 10.244.1.5:53012',
      'tcp/6 118 TIME_WAIT 192.168.56.1:51544 > 192.168.56.11:30080 | 10.244.2.7:8080 > 10.244.1.0:51544 [ASSURED]',
      'tcp/6 119 TIME_WAIT 10.0.0.1:33320 > 10.96.0.10:80 | 10.0.0.1:8080 > 10.0.0.1:33320 [ASSURED]',
      'udp/17 29 10.0.0.1:47560 > 10.0.0.5:53 | 10.0.0.5:53 > 10.0.0.1:40000 [UNREPLIED]',
      'tcp/6 7 TIME_WAIT 192.168.0.174:55226 > 15.221.12.224:443 | 15.221.12.224:443 > 192.168.0.174:50089 [ASSURED]',
      'icmp/1 29 10.244.1.5 > 8.8.8.8 icmp 8/0/17 | 8.8.8.8 > 172.18.0.3 icmp 0/0/17',
      'tcp/6 431999 ESTABLISHED 172.18.0.3:38716 > 172.18.0.2:6443 | 172.18.0.2:6443 > 172.18.0.3:38716 [ASSURED]',
      'tcp/6 108 SYN_SENT 10.244.1.5:60112 > 10.96.45.3:80 | 10.244.2.9:8080 > 10.244.1.5:60112 [UNREPLIED]',
    ]);
    expect(value.entries[5]).toMatchObject({ mark: 128, use: 1, secctx: 'system_u:object_r:unlabeled_t:s0' });
    expect(value.entries[8]!.mark).toBe(16384);
    expect(value.entries[0]!.span).toEqual({ file: 'ct.txt', line: 2, column: 1, endColumn: 156 });
    expect(value.shown).toBe(9);
    expect(diagnostics).toEqual([]);
  });

  it('reads /proc/net/nf_conntrack: the ipv4 prefix, counters, zones, OFFLOAD, unknown protocols; IPv6 skipped once', () => {
    const { value, diagnostics } = parseConntrack(fixture('proc-nf-conntrack.txt'), 'proc.txt');
    expect(value.entries.map(show)).toEqual([
      'tcp/6 119 TIME_WAIT 10.0.0.1:33320 > 10.96.0.10:80 | 10.0.0.1:8080 > 10.0.0.1:33320 [ASSURED]',
      'udp/17 29 10.0.0.1:47560 > 10.0.0.5:53 | 10.0.0.5:53 > 10.0.0.1:40000 [UNREPLIED]',
      'tcp/6 431998 ESTABLISHED 10.244.0.5:40022 > 10.244.1.9:80 | 10.244.1.9:80 > 10.244.0.5:40022 [ASSURED,OFFLOAD]',
      'icmp/1 29 10.0.0.1 > 10.0.0.9 icmp 8/0/4660 | 10.0.0.9 > 10.0.0.1 icmp 0/0/4660 [UNREPLIED]',
      'unknown/47 599 172.16.0.1 > 172.16.0.2 | 172.16.0.2 > 172.16.0.1',
      'tcp/6 86399 ESTABLISHED 10.244.1.5:41234 > 10.96.0.1:443 | 172.18.0.2:6443 > 10.244.1.5:41234 [ASSURED]',
    ]);
    expect(value.entries[2]).toMatchObject({ zone: 64001, orig: { packets: 12, bytes: 1340 }, reply: { packets: 10, bytes: 5210 } });
    expect(value.entries[5]).toMatchObject({ orig: { zone: 5 }, reply: { zone: 6 } });
    expect(value.entries[3]!.id).toBeUndefined();
    expect(codes(diagnostics)).toEqual(['CT005 info 4:1']);
  });

  it('reads conntrack -E events with timestamps and ids; DESTROY has no timeout', () => {
    const { value, diagnostics } = parseConntrack(fixture('conntrack-E-events.txt'), 'ev.txt');
    expect(value.entries.map(show)).toEqual([
      '[NEW] tcp/6 120 SYN_SENT 10.244.1.5:41300 > 10.96.0.1:443 | 172.18.0.2:6443 > 10.244.1.5:41300 [UNREPLIED]',
      '[UPDATE] tcp/6 60 SYN_RECV 10.244.1.5:41300 > 10.96.0.1:443 | 172.18.0.2:6443 > 10.244.1.5:41300',
      '[UPDATE] tcp/6 432000 ESTABLISHED 10.244.1.5:41300 > 10.96.0.1:443 | 172.18.0.2:6443 > 10.244.1.5:41300 [ASSURED]',
      '[DESTROY] udp/17 - 10.244.1.5:53012 > 10.96.0.10:53 | 10.244.0.3:53 > 10.244.1.5:53012 [ASSURED]',
      '[NEW] icmp/1 30 10.244.1.5 > 10.244.2.7 icmp 8/0/33 | 10.244.2.7 > 10.244.1.5 icmp 0/0/33 [UNREPLIED]',
    ]);
    expect(value.entries.map((e) => e.id)).toEqual([2417823411, 2417823411, 2417823411, 1188286701, 99]);
    expect(diagnostics).toEqual([]);
  });

  it('reports broken entries with their columns and skips them', () => {
    const text = [
      'tcp      6 10 ESTABLISHED src=10.0.0.1 dst=10.0.0.2 sport=1 dport=2',
      'tcp      6 10 ESTABLISHED src=10.0.0.1 dst=10.0.0.256 sport=1 dport=2 src=10.0.0.2 dst=10.0.0.1 sport=2 dport=1',
      'udp      17 10 src=10.0.0.1 dst=10.0.0.2 sport=1 dport=99999 src=10.0.0.2 dst=10.0.0.1 sport=99999 dport=1 frob=1 use=1',
      'hello world',
      'conntrack v1.4.6 (conntrack-tools): Operation failed: such conntrack doesn\'t exist',
    ].join('\n');
    const { value, diagnostics } = parseConntrack(text, 'f');
    expect(value.entries).toHaveLength(1);
    expect(value.entries[0]!.orig.dport).toBeUndefined();
    expect(codes(diagnostics)).toEqual(['CT002 warning 1:1', 'CT003 warning 2:40', 'CT003 warning 3:50', 'CT003 warning 3:88', 'CT004 info 3:108', 'CT001 warning 4:1', 'CT001 info 5:1']);
  });
});

describe('conntrackNat', () => {
  const entries = parseConntrack(fixture('kube-node-conntrack-L.txt'), 'ct.txt').value.entries;
  it('tells DNAT (service → pod) from SNAT (masquerade) from none', () => {
    expect(conntrackNat(entries[0]!)).toEqual({ dnat: true, snat: false, dnatTo: { addr: '172.18.0.2', port: 6443 } });
    expect(conntrackNat(entries[2]!)).toEqual({
      dnat: true, snat: true, dnatTo: { addr: '10.244.2.7', port: 8080 }, snatTo: { addr: '10.244.1.0', port: 51544 },
    });
    expect(conntrackNat(entries[4]!)).toEqual({ dnat: false, snat: true, snatTo: { addr: '10.0.0.1', port: 40000 } });
    expect(conntrackNat(entries[5]!)).toEqual({ dnat: false, snat: true, snatTo: { addr: '192.168.0.174', port: 50089 } });
    expect(conntrackNat(entries[6]!)).toEqual({ dnat: false, snat: true, snatTo: { addr: '172.18.0.3', port: 17 } });
    expect(isNatted(entries[7]!)).toBe(false);
  });

  it('sees a port-only DNAT (REDIRECT to a local port)', () => {
    const { value } = parseConntrack('tcp 6 10 ESTABLISHED src=10.0.0.1 dst=10.0.0.1 sport=5 dport=80 src=10.0.0.1 dst=10.0.0.1 sport=8080 dport=5 use=1', 'f');
    expect(conntrackNat(value.entries[0]!)).toEqual({ dnat: true, snat: false, dnatTo: { addr: '10.0.0.1', port: 8080 } });
  });
});
