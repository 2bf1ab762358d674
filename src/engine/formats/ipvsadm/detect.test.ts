import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { looksLikeIpvsadm } from './detect';

const dir = new URL('./fixtures/', import.meta.url);
const lines = (name: string) => readFileSync(new URL(name, dir), 'utf8').split('\n');

describe('looksLikeIpvsadm', () => {
  it('scores every fixture high', () => {
    for (const name of readdirSync(dir)) expect(looksLikeIpvsadm(lines(name)), name).toBeGreaterThanOrEqual(0.6);
  });

  it('is near 1 with the listing header', () => {
    expect(looksLikeIpvsadm(lines('seed-002-kind-worker.txt'))).toBeGreaterThan(0.95);
  });

  it('scores a header-less body and ipvsadm-save output', () => {
    expect(looksLikeIpvsadm(['TCP  10.96.0.1:443 rr', '  -> 172.18.0.2:6443  Masq 1 0 0'])).toBe(0.9);
    expect(looksLikeIpvsadm(['-A -t 10.96.0.1:443 -s rr', '-a -t 10.96.0.1:443 -r 172.18.0.2:6443 -m -w 1'])).toBe(0.9);
  });

  it('scores other dumps 0', () => {
    for (const text of [
      '*nat\n:PREROUTING ACCEPT [0:0]\n-A PREROUTING -j KUBE-SERVICES\nCOMMIT',
      'default via 10.0.0.1 dev eth0\n10.0.0.0/24 dev eth0 proto kernel scope link',
      'tcp      6 104 TIME_WAIT src=10.10.0.5 dst=10.10.2.2 sport=47602 dport=80',
      'table ip kube-proxy {\n\tchain services {\n\t}\n}',
      '',
    ]) expect(looksLikeIpvsadm(text.split('\n'))).toBe(0);
  });
});
