import { describe, expect, it } from 'vitest';
import { setContains } from './lookup';
import { parseIpset } from './parse';

// From seed 002 (kind cluster, kube-proxy IPVS mode), prompts included as users paste them.
const LIST = `root@myk8s-worker:/# ipset list KUBE-CLUSTER-IP
Name: KUBE-CLUSTER-IP
Type: hash:ip,port
Revision: 7
Header: family inet hashsize 1024 maxelem 65536 bucketsize 12 initval 0x72343c95
Size in memory: 456
References: 3
Number of entries: 5
Members:
10.200.1.10,tcp:9153
10.200.1.10,udp:53
10.200.1.216,tcp:9000
10.200.1.1,tcp:443
10.200.1.10,tcp:53

Name: KUBE-NODE-PORT-TCP
Type: bitmap:port
Revision: 3
Header: range 0-65535
Size in memory: 8264
References: 1
Number of entries: 1
Members:
30001

Name: KUBE-LOOP-BACK
Type: hash:ip,port,ip
Header: family inet hashsize 1024 maxelem 65536
Members:
10.10.1.2,6:80,10.10.1.2 timeout 0
`;

const pkt = (dst: string, dport: number, proto = 6, src = '10.10.1.5') => ({ proto, src, dst, sport: 40000, dport });

describe('parseIpset', () => {
  it('reads ipset list output, prompts and all', () => {
    const r = parseIpset(LIST, 'ipset.txt');
    expect([...r.value.sets.keys()]).toEqual(['KUBE-CLUSTER-IP', 'KUBE-NODE-PORT-TCP', 'KUBE-LOOP-BACK']);
    const cip = r.value.sets.get('KUBE-CLUSTER-IP')!;
    expect(cip.type).toBe('hash:ip,port');
    expect(cip.members.map((m) => m.text)).toContain('10.200.1.10,udp:53');
    expect(cip.members[0]!.span).toMatchObject({ line: 10, column: 1 });
    expect(r.diagnostics.map((d) => [d.code, d.severity, d.line])).toEqual([['IPS003', 'info', 1]]);
  });

  it('reads ipset save output and reports adds to unknown sets', () => {
    const r = parseIpset('create KUBE-CLUSTER-IP hash:ip,port family inet hashsize 1024 maxelem 65536\nadd KUBE-CLUSTER-IP 10.96.0.1,tcp:443\nadd NOPE 1.2.3.4\n', 's');
    expect(r.value.sets.get('KUBE-CLUSTER-IP')!.members.map((m) => m.parts)).toEqual([['10.96.0.1', 'tcp:443']]);
    expect(r.diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([['IPS002', 3, 5]]);
  });

  it('tests membership per dimension, with names or numbers for protocols', () => {
    const sets = parseIpset(LIST, 'ipset.txt').value.sets;
    const cip = sets.get('KUBE-CLUSTER-IP')!;
    expect(setContains(cip, ['dst', 'dst'], pkt('10.200.1.10', 53, 17))).toBe(true);
    expect(setContains(cip, ['dst', 'dst'], pkt('10.200.1.10', 53, 6))).toBe(true);
    expect(setContains(cip, ['dst', 'dst'], pkt('10.200.1.10', 9000))).toBe(false);
    expect(setContains(sets.get('KUBE-NODE-PORT-TCP')!, ['dst'], pkt('192.168.1.2', 30001))).toBe(true);
    expect(setContains(sets.get('KUBE-NODE-PORT-TCP')!, ['dst'], pkt('192.168.1.2', 30002))).toBe(false);
    const loop = sets.get('KUBE-LOOP-BACK')!;
    expect(setContains(loop, ['dst', 'dst', 'src'], pkt('10.10.1.2', 80, 6, '10.10.1.2'))).toBe(true);
    expect(setContains(loop, ['dst', 'dst', 'src'], pkt('10.10.1.2', 80, 6, '10.10.1.3'))).toBe(false);
  });

  it('never throws on garbage', () => {
    for (const text of ['', '\u0000\u0001', 'Members:\n1.2.3.4', 'Name:', 'add', 'create X']) expect(() => parseIpset(text, 'x')).not.toThrow();
  });
});
