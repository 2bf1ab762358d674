import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { looksLikeOvsFlows, looksLikeOvsVsctl } from './detect';
import { looksLikeOvsOfctlShow } from './ofctl-show';

const dir = new URL('./fixtures/', import.meta.url);
const lines = (name: string) => readFileSync(new URL(name, dir), 'utf8').split('\n');
const OTHERS = [
  '*nat\n:PREROUTING ACCEPT [0:0]\n-A PREROUTING -j KUBE-SERVICES\nCOMMIT',
  'default via 10.0.0.1 dev eth0\n10.0.0.0/24 dev eth0 proto kernel scope link',
  'IP Virtual Server version 1.2.1 (size=4096)\nTCP  10.96.0.1:443 rr',
  'table ip kube-proxy {\n\tchain services {\n\t}\n}',
  '2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP\n    link/ether 02:42:ac:11:00:02 brd ff:ff:ff:ff:ff:ff',
  '',
];

describe('OVS detection', () => {
  it('tells ovs-vsctl show, dump-flows and ovs-ofctl show fixtures apart', () => {
    for (const name of readdirSync(dir)) {
      const scores = { vsctl: looksLikeOvsVsctl(lines(name)), flows: looksLikeOvsFlows(lines(name)), show: looksLikeOvsOfctlShow(lines(name)) };
      const expected = name.includes('vsctl') ? 'vsctl' : name.includes('ofctl-show') ? 'show' : 'flows';
      for (const [kind, score] of Object.entries(scores)) {
        if (kind === expected) expect(score, `${name} as ${kind}`).toBeGreaterThan(0.9);
        else expect(score, `${name} as ${kind}`).toBe(0);
      }
    }
  });

  it('scores a fragment without the UUID line', () => {
    expect(looksLikeOvsVsctl(['    Bridge br-ex', '        Port br-ex', '            Interface br-ex', '                type: internal'])).toBe(0.99);
    expect(looksLikeOvsFlows([' priority=100,arp actions=NORMAL'])).toBe(0.85);
  });

  it('scores other dumps 0', () => {
    for (const text of OTHERS) {
      expect(looksLikeOvsVsctl(text.split('\n'))).toBe(0);
      expect(looksLikeOvsFlows(text.split('\n'))).toBe(0);
      expect(looksLikeOvsOfctlShow(text.split('\n'))).toBe(0);
    }
  });
});
