import { readdirSync, readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { looksLikeNft, looksLikeNftJson } from './detect';

const dir = new URL('./fixtures/', import.meta.url);
const files = readdirSync(dir).filter((f) => statSync(new URL(f, dir)).isFile());
const read = (name: string) => readFileSync(new URL(name, dir), 'utf8');
const OTHERS = [
  '*nat\n:PREROUTING ACCEPT [0:0]\n-A PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES\nCOMMIT',
  'Chain INPUT (policy ACCEPT)\ntarget     prot opt source               destination\nACCEPT     all  --  0.0.0.0/0            0.0.0.0/0',
  'default via 10.0.0.1 dev eth0\n10.0.0.0/24 dev eth0 proto kernel scope link',
  'IP Virtual Server version 1.2.1 (size=4096)\nTCP  10.96.0.1:443 rr',
  '9cad81c8-d7be-4b18-90e8-03aadd86a8cb\n    Bridge br-ex\n        Port br-ex\n            Interface br-ex\n                type: internal',
  '{"kind": "List", "items": []}',
  '',
];

describe('nft detection', () => {
  it('recognises every text fixture as nft text and every JSON fixture as nft JSON', () => {
    for (const name of files) {
      const text = read(name);
      if (name.endsWith('.json')) {
        expect(looksLikeNftJson(text), name).toBeGreaterThan(0.9);
        expect(looksLikeNft(text.split('\n')), name).toBe(0);
      } else {
        expect(looksLikeNft(text.split('\n')), name).toBeGreaterThan(0.9);
        expect(looksLikeNftJson(text), name).toBe(0);
      }
    }
  });

  it('scores a pasted chain without its table lower, and an nft -j array start', () => {
    const chain = ['\tchain services {', '\t\tip daddr . meta l4proto . th dport vmap @service-ips', '\t}'];
    expect(looksLikeNft(chain)).toBe(0.8);
    expect(looksLikeNftJson('  {"nftables": [')).toBe(0.9);
    expect(looksLikeNftJson('{"other": 1, "nftables": []}')).toBe(0.6);
  });

  it('scores other dumps 0', () => {
    for (const text of OTHERS) {
      expect(looksLikeNft(text.split('\n')), text).toBe(0);
      expect(looksLikeNftJson(text), text).toBe(0);
    }
  });
});
