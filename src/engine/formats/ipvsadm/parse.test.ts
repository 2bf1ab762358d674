import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseIpvsadm } from './parse';
import type { IpvsService } from './types';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const codes = (diags: { code: string; severity: string; line: number; column: number }[]) =>
  diags.map((d) => `${d.code} ${d.severity} ${d.line}:${d.column}`);
/** A service in ipvsadm's own words, so expectations read like the dump. */
const show = (s: IpvsService) => [
  s.fwmark !== undefined ? `FWM ${s.fwmark}${s.family === 'ipv6' ? ' IPv6' : ''}` : `${s.protocol} ${s.vip}:${s.port}`,
  s.scheduler, s.schedulerFlags.length ? `(${s.schedulerFlags.join(',')})` : '',
  s.persistence ? `persistent ${s.persistence.timeoutSeconds}${s.persistence.netmask ? ` mask ${s.persistence.netmask}` : ''}` : '',
  s.persistenceEngine ? `pe ${s.persistenceEngine}` : '', s.onePacket ? 'ops' : '',
  ...s.realServers.map((r) => `-> ${r.ip}:${r.port} ${r.method ?? '?'} w${r.weight ?? '?'}${r.activeConn !== undefined ? ` ${r.activeConn}/${r.inactConn}` : ''}`),
].filter((x) => x !== '').join(' ');

describe('parseIpvsadm: ipvsadm -Ln', () => {
  it('reads the kind worker of seed 002, prompt and all', () => {
    const { value, diagnostics } = parseIpvsadm(fixture('seed-002-kind-worker.txt'), 'w.txt');
    expect(value.services.map(show)).toEqual([
      'tcp 10.200.1.1:443 rr -> 172.18.0.4:6443 masq w1 3/0',
      'tcp 10.200.1.10:53 rr -> 10.10.0.2:53 masq w1 0/0 -> 10.10.0.3:53 masq w1 0/0',
      'tcp 10.200.1.10:9153 rr -> 10.10.0.2:9153 masq w1 0/0 -> 10.10.0.3:9153 masq w1 0/0',
      'udp 10.200.1.10:53 rr -> 10.10.0.2:53 masq w1 0/0 -> 10.10.0.3:53 masq w1 0/0',
    ]);
    expect(value.version).toBe('1.2.1');
    expect(value.tableSize).toBe(4096);
    expect(value.listings).toEqual(['list']);
    expect(value.services[0]!.span).toEqual({ file: 'w.txt', line: 5, column: 1, endColumn: 23 });
    expect(value.services[0]!.realServers[0]!.span).toMatchObject({ line: 6, column: 3 });
    expect(value.services[0]!.realServers[0]!.methodText).toBe('Masq');
    expect(diagnostics).toEqual([]);
  });

  it('notes the elided "..." of a pasted listing once and reads the rest', () => {
    const { value, diagnostics } = parseIpvsadm(fixture('seed-002-nodeport.txt'), 'np.txt');
    expect(value.services.map((s) => `${s.vip}:${s.port}/${s.realServers.length}`)).toEqual([
      '172.18.0.5:30001/3', '10.10.2.1:30001/3', '10.200.1.216:9000/3',
    ]);
    expect(codes(diagnostics)).toEqual(['IPVS001 info 17:1']);
  });

  it('reads persistence, masks, IPv6, SCTP, fwmark services, scheduler flags, pe and ops', () => {
    const { value, diagnostics } = parseIpvsadm(fixture('features.txt'), 'f.txt');
    expect(value.services.map(show)).toEqual([
      'tcp 10.96.0.1:443 rr persistent 10800 -> 172.18.0.2:6443 masq w1 4/0',
      'tcp 192.168.49.2:30080 wrr persistent 300 mask 255.255.255.0 -> 10.244.1.5:8080 masq w3 12/140 -> 10.244.2.7:8080 masq w1 2/35',
      'udp fd00:10:96::a:53 rr ops -> fd00:10:244:1::5:53 masq w1 0/0',
      'sctp 10.96.77.3:3868 sh (sh-fallback,sh-port) -> 10.244.3.9:3868 masq w1 1/0',
      'FWM 100 lc -> 192.168.10.21:0 route w1 5/10 -> 192.168.10.22:0 tunnel w2 0/3 -> 127.0.0.1:0 local w1 0/0',
      'FWM 7 IPv6 wlc persistent 600 pe sip -> 2001:db8::21:0 route w1 0/0',
      'tcp 10.96.250.9:80 mh (mh-fallback,mh-port)',
    ]);
    expect(value.services[2]!.family).toBe('ipv6');
    expect(value.services[4]).toMatchObject({ protocol: null, vip: null, port: null, fwmark: 100 });
    expect(diagnostics).toEqual([]);
  });

  it('reads --stats with K/M/G suffixes as approximate counters', () => {
    const { value, diagnostics } = parseIpvsadm(fixture('stats.txt'), 's.txt');
    expect(value.listings).toEqual(['stats']);
    const api = value.services[0]!;
    expect(api.stats).toEqual({ values: [152384, 98234123, 91234567, 12884000000, 45678000000], approximate: true });
    expect(api.realServers[0]).toMatchObject({ ip: '172.18.0.2', port: 6443, method: null, weight: null });
    expect(value.services[1]!.stats!.approximate).toBe(false);
    expect(value.services[1]!.realServers.map((r) => r.stats!.values[0])).toEqual([44120, 44111]);
    expect(diagnostics).toEqual([]);
  });

  it('reads --rate listings from a shell loop, header without "IP Virtual Server"', () => {
    const { value, diagnostics } = parseIpvsadm(fixture('seed-002-rate.txt'), 'r.txt');
    expect(value.listings).toEqual(['rate']);
    expect(value.services[0]!.rates!.values).toEqual([36, 215, 143, 14326, 18815]);
    expect(value.services[0]!.realServers.map((r) => r.rates!.values[4])).toEqual([6294, 6261, 6261]);
    expect(codes(diagnostics)).toEqual(['IPVS001 warning 2:1']); // ">> node myk8s-control-plane <<"
  });

  it('merges a -Ln listing and a --stats listing of the same table', () => {
    const text = `${fixture('features.txt')}${fixture('stats.txt')}`;
    const { value } = parseIpvsadm(text, 'm.txt');
    const api = value.services.find((s) => s.vip === '10.96.0.1')!;
    expect(api.persistence).toEqual({ timeoutSeconds: 10800 });
    expect(api.stats!.values[0]).toBe(152384);
    expect(api.realServers).toHaveLength(1);
    expect(api.realServers[0]).toMatchObject({ method: 'masq', weight: 1, activeConn: 4 });
    expect(api.realServers[0]!.stats!.values[0]).toBe(152384);
    expect(value.listings).toEqual(['list', 'stats']);
  });

  it('reads --thresholds and --persistent-conn columns', () => {
    const text = [
      'Prot LocalAddress:Port            Uthreshold Lthreshold ActiveConn InActConn',
      '  -> RemoteAddress:Port',
      'TCP  10.0.0.1:80 wlc',
      '  -> 10.0.1.1:80                   1000       800        12         3',
      'Prot LocalAddress:Port            Weight    PersistConn ActiveConn InActConn',
      '  -> RemoteAddress:Port',
      'TCP  10.0.0.1:80 wlc persistent 360',
      '  -> 10.0.1.1:80                   2         7           12         3',
    ].join('\n');
    const { value, diagnostics } = parseIpvsadm(text, 't.txt');
    expect(value.services).toHaveLength(1);
    expect(value.services[0]!.realServers[0]).toMatchObject({ upperThreshold: 1000, lowerThreshold: 800, weight: 2, persistConn: 7, activeConn: 12, inactConn: 3 });
    expect(value.services[0]!.persistence).toEqual({ timeoutSeconds: 360 });
    expect(diagnostics).toEqual([]);
  });
});

describe('parseIpvsadm: ipvsadm-save -n', () => {
  it('reads services and real servers, forwarding switches and options', () => {
    const { value, diagnostics } = parseIpvsadm(fixture('save.txt'), 'save.txt');
    expect(value.listings).toEqual(['save']);
    expect(value.services.map(show)).toEqual([
      'tcp 10.96.0.1:443 rr persistent 10800 -> 172.18.0.2:6443 masq w1',
      'tcp 10.96.0.10:53 rr -> 10.244.0.2:53 masq w1 -> 10.244.0.3:53 masq w1',
      'udp 10.96.0.10:53 rr -> 10.244.0.2:53 masq w1 -> 10.244.0.3:53 masq w1',
      'tcp 192.168.49.2:30080 wrr persistent 300 mask 255.255.255.0 -> 10.244.1.5:8080 masq w3 -> 10.244.2.7:8080 masq w0',
      'udp fd00:10:96::a:53 rr -> fd00:10:244:1::5:53 masq w1',
      'sctp 10.96.77.3:3868 sh (sh-fallback,sh-port) -> 10.244.3.9:3868 masq w1',
      'FWM 100 lc -> 192.168.10.21:0 route w1 -> 192.168.10.22:0 tunnel w2',
      'FWM 7 IPv6 wlc persistent 600 pe sip -> 2001:db8::21:0 route w1',
    ]);
    expect(value.services[6]!.realServers[1]).toMatchObject({ upperThreshold: 1000, lowerThreshold: 800, methodText: '-i' });
    expect(value.services[1]!.realServers[0]!.span).toMatchObject({ line: 4, column: 1 });
    expect(diagnostics).toEqual([]);
  });

  it('reports real servers of undeclared services, names without -n, and unknown options', () => {
    const text = [
      '-a -t 10.9.9.9:80 -r 10.0.0.1:80 -m -w 1',
      '-A -t kubernetes:https -s rr',
      '-A -t 10.0.0.1:80 -s rr --frobnicate',
      '-a -t 10.0.0.1:80 -r 10.0.0.2 -m -w x',
      '-A -t',
    ].join('\n');
    const { value, diagnostics } = parseIpvsadm(text, 'bad.txt');
    expect(codes(diagnostics)).toEqual([
      'IPVS002 warning 1:1', 'IPVS007 warning 2:7', 'IPVS008 info 3:25', 'IPVS006 warning 4:37', 'IPVS008 warning 5:4', 'IPVS008 warning 5:1',
    ]);
    expect(value.services.map(show)).toEqual(['tcp 10.0.0.1:80 rr -> 10.0.0.2:80 masq w?']);
  });
});

describe('parseIpvsadm: other output', () => {
  it('counts -Lnc connection entries with one info, and reads --timeout', () => {
    const { value, diagnostics } = parseIpvsadm(fixture('connections.txt'), 'c.txt');
    expect(value.connectionsSkipped).toBe(3);
    expect(value.timeouts).toEqual({ tcp: 900, tcpFin: 120, udp: 300 });
    expect(value.services).toEqual([]);
    expect(codes(diagnostics)).toEqual(['IPVS005 info 2:1']);
  });

  it('keeps going after bad lines: unknown methods, bad numbers, orphans, names', () => {
    const text = [
      '  -> 10.0.0.9:80                 Masq    1      0          0',
      'TCP  10.0.0.1:80 rr frobnicate',
      '  -> 10.0.0.2:80                 Bypass  one    0          0',
      'TCP  web.example.com:http rr',
      '  -> 10.0.0.3:80                 Masq    1      0          0',
      'FWM  x rr',
      'UDP  10.0.0.1:53 rr',
      '  -> 10.0.0.4:53                 Masq    1      0          0',
    ].join('\n');
    const { value, diagnostics } = parseIpvsadm(text, 'x.txt');
    expect(value.services.map(show)).toEqual([
      'tcp 10.0.0.1:80 rr -> 10.0.0.2:80 ? w? 0/0',
      'udp 10.0.0.1:53 rr -> 10.0.0.4:53 masq w1 0/0',
    ]);
    expect(value.services[0]!.flags).toEqual(['frobnicate']);
    expect(codes(diagnostics)).toEqual([
      'IPVS002 warning 1:3', 'IPVS004 info 2:21', 'IPVS004 warning 3:34', 'IPVS006 warning 3:42',
      'IPVS007 warning 4:6', 'IPVS002 warning 5:3', 'IPVS003 warning 6:6',
    ]);
  });

  it('never throws on garbage', () => {
    for (const text of ['', '\u0000', 'TCP', '->', '-A', '-a -t', 'FWM', 'Prot LocalAddress:Port', 'TCP  [::1', 'TCP  [zz]:1 rr']) {
      expect(() => parseIpvsadm(text, 'g')).not.toThrow();
    }
  });

  it('reads a plain listing\'s real server into the same fields, with and without a forwarding column', () => {
    const { value, diagnostics } = parseIpvsadm('TCP  10.96.0.1:443 rr\n  -> 10.244.0.2:8080  Masq 1 2 3\n  -> 10.244.0.3:8080\n  -> 10.244.0.4:8080  Bogus x\n', 'l');
    const [a, b, c] = value.services[0]!.realServers;
    expect(Object.keys(a!)).toEqual(['ip', 'family', 'port', 'method', 'weight', 'span', 'methodText', 'activeConn', 'inactConn']);
    expect(a).toEqual({ ip: '10.244.0.2', family: 'ipv4', port: 8080, method: 'masq', weight: 1, span: { file: 'l', line: 2, column: 3, endColumn: 33 }, methodText: 'Masq', activeConn: 2, inactConn: 3 });
    expect(Object.keys(b!)).toEqual(['ip', 'family', 'port', 'method', 'weight', 'span', 'activeConn', 'inactConn']);
    expect(c).toMatchObject({ method: null, methodText: 'Bogus', weight: null });
    expect(codes(diagnostics)).toEqual(['IPVS006 warning 3:3', 'IPVS006 warning 3:3', 'IPVS006 warning 3:3', 'IPVS004 warning 4:23', 'IPVS006 warning 4:29', 'IPVS006 warning 4:3', 'IPVS006 warning 4:3']);
  });
});
