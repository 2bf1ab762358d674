/**
 * The chain index must not change what a walk decides: on generated kube-proxy-like chains
 * (keyed rules by address and port, rules it cannot key, negations, prefixes, statistic
 * cascades) and random packets, the indexed walk and the full scan agree on the verdict, the
 * packet, the deciding rules, the chains visited and the branches; the indexed walk only
 * leaves out rules that failed in the scan.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseIptablesSave } from '../formats/iptables';
import type { IptablesRuleset } from '../formats/iptables/types';
import type { Packet } from '../trace/packet';
import { INDEX_MIN_RULES } from './chain-index';
import { walkTable, type TableResult } from './evaluate-table';

const ADDRS = ['10.96.0.1', '10.96.0.2', '10.96.0.3', '10.96.1.7', '192.168.56.11'];
const PORTS = [53, 80, 443, 30080];

const ruleArb = fc.oneof(
  // kube-proxy's Service capture (restore-input order) and its saved form.
  fc.record({ a: fc.constantFrom(...ADDRS), p: fc.constantFrom(...PORTS), t: fc.constantFrom('SVC', 'ACCEPT', 'DROP') }).map(({ a, p, t }) => `-m comment --comment "ns/svc:p cluster IP" -m tcp -p tcp -d ${a} --dport ${p} -j ${t}`),
  fc.record({ a: fc.constantFrom(...ADDRS), p: fc.constantFrom(...PORTS) }).map(({ a, p }) => `-d ${a}/32 -p udp -m comment --comment x -m udp --dport ${p} -j SVC`),
  // NodePorts: keyed by port.
  fc.constantFrom(...PORTS).map((p) => `-m comment --comment np -m tcp -p tcp --dport ${p} -j SVC`),
  // Rules the index cannot key.
  fc.constantFrom(...ADDRS).map((a) => `! -d ${a} -p tcp -j RETURN`),
  fc.constant('-d 10.96.0.0/16 -p tcp -m tcp --dport 80 -j MARK --or-mark 0x1'),
  fc.constant('-m addrtype --dst-type LOCAL -j SVC'),
  fc.constantFrom(...ADDRS).map((a) => `-m mark --mark 0x1/0x1 -d ${a} -j ACCEPT`),
  fc.constant('-m tcp -p tcp ! --dport 80 -j DROP'),
  fc.constant('-m tcp -p tcp --dport 30000:32767 -j SVC'),
  fc.constantFrom(...ADDRS).map((a) => `-d ${a} -m statistic --mode random --probability 0.5000000000 -j SVC`),
  fc.constantFrom(...ADDRS).map((a) => `-s ${a} -j ACCEPT`),
);

function ruleset(rules: string[]): IptablesRuleset {
  const text = `*filter\n:FORWARD ACCEPT [0:0]\n:SVC - [0:0]\n-A FORWARD -j SVC\n${rules.map((r) => `-A SVC ${r}\n`).join('')}-A SVC -j RETURN\nCOMMIT\n`;
  return parseIptablesSave(text, 'r.txt').value;
}

function packet(dst: string, dport: number, proto: number, mark: number): Packet {
  return { eth: null, ip: { src: '10.244.1.2', dst, proto, ttl: 64 }, l4: proto === 1 ? null : { sport: 40000, dport }, meta: { mark, ctmark: 0, ctstate: 'NEW', ctdir: 'ORIGINAL', ctnat: [] }, length: 60 };
}

function walk(rs: IptablesRuleset, pkt: Packet, scan: boolean): TableResult {
  return walkTable(pkt, {
    ruleset: rs,
    table: 'filter',
    hook: 'FORWARD',
    scope: 'n',
    choices: {},
    scan,
    match: { hook: 'FORWARD', iif: 'eth0', oif: 'cni0', addrType: (ip) => (ip === '192.168.56.11' ? 'LOCAL' : 'UNICAST'), inSet: () => null },
    target: { iif: 'eth0', oif: 'cni0', primaryAddress: () => '192.168.56.11' },
  })!;
}

/** Everything a walk decides, without the list of rules it tried. */
function decisions(r: TableResult) {
  return {
    verdict: r.verdict,
    packet: r.packet,
    decidedBy: r.decidedBy?.id,
    visits: r.visits.map((v) => ({ chain: v.chain, stack: v.stack, resumed: v.resumed, decidedBy: v.decidedBy?.id, outcome: v.outcome, branch: v.branch, matched: v.rules.filter((n) => n.matched).map((n) => n.rule.id) })),
  };
}

describe('chain index', () => {
  it('decides exactly as a full scan of the chain', () => {
    fc.assert(
      fc.property(
        fc.array(ruleArb, { minLength: INDEX_MIN_RULES, maxLength: 120 }),
        fc.array(fc.record({ dst: fc.constantFrom(...ADDRS, '10.96.9.9'), dport: fc.constantFrom(...PORTS, 8080), proto: fc.constantFrom(6, 17, 1), mark: fc.constantFrom(0, 1) }), { minLength: 1, maxLength: 8 }),
        (rules, packets) => {
          const rs = ruleset(rules);
          for (const p of packets) {
            const pkt = packet(p.dst, p.dport, p.proto, p.mark);
            const indexed = walk(rs, pkt, false);
            const scanned = walk(rs, pkt, true);
            expect(decisions(indexed)).toEqual(decisions(scanned));
            // The index only leaves out rules the scan saw fail, and reports the others identically.
            const tried = new Map(scanned.visits.flatMap((v) => v.rules).map((n) => [n.rule.id, n]));
            for (const n of indexed.visits.flatMap((v) => v.rules)) expect(n).toEqual(tried.get(n.rule.id));
          }
        },
      ),
      { numRuns: 80 },
    );
  }, 60_000);

  it('tries only the rules of the packet\'s destination in a long Service chain', () => {
    const rules = Array.from({ length: 500 }, (_, i) => `-m comment --comment "s${i} cluster IP" -m tcp -p tcp -d 10.96.${Math.floor(i / 250)}.${(i % 250) + 1} --dport 80 -j ACCEPT`);
    const r = walk(ruleset(rules), packet('10.96.1.51', 80, 6, 0), false);
    expect(r.decidedBy?.id).toBe('filter/SVC#301');
    expect(r.visits[1]!.rules.map((n) => n.rule.position)).toEqual([301]);
  });
});
