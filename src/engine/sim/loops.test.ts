/** Runaway paths end with a message: a routing loop between two nodes, and an iptables jump loop. */
import { describe, expect, it } from 'vitest';
import { renderMessage } from '../explain/render';
import { buildModel } from '../model/build';
import { parsePacketSpec } from './packet-spec';
import { simulate } from './simulate';

const addr = (ip: string, mac: string) => `1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN
    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
    inet 127.0.0.1/8 scope host lo
2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc fq_codel state UP qlen 1000
    link/ether ${mac} brd ff:ff:ff:ff:ff:ff
    inet ${ip}/24 brd 10.0.0.255 scope global eth0
`;

function loopModel(rules = '') {
  return buildModel([
    { name: 'a/addr', node: 'a', text: addr('10.0.0.1', '52:54:00:00:00:01') },
    { name: 'a/route', node: 'a', text: '10.0.0.0/24 dev eth0 proto kernel scope link src 10.0.0.1\n10.9.0.0/16 via 10.0.0.2 dev eth0\n' },
    { name: 'b/addr', node: 'b', text: addr('10.0.0.2', '52:54:00:00:00:02') },
    { name: 'b/route', node: 'b', text: '10.0.0.0/24 dev eth0 proto kernel scope link src 10.0.0.2\n10.9.0.0/16 via 10.0.0.1 dev eth0\n' },
    ...(rules ? [{ name: 'a/rules', node: 'a', text: rules }] : []),
  ]);
}

const packet = parsePacketSpec('udp 10.0.0.1:5000 > 10.9.0.5:53').value!;

describe('runaway paths', () => {
  it('a routing loop between two nodes ends the trace with a message, not a hang', () => {
    const trace = simulate(loopModel(), { from: 'a', packet });
    const leg = trace.legs[0]!;
    expect(leg.verdict).not.toBe('delivered');
    expect(leg.hops.length).toBeGreaterThan(6);
    expect(renderMessage(leg.verdictMessage)).toMatch(/TTL|hops|loop/i);
  });

  it('an iptables jump loop is an error in the trace, and the packet goes on', () => {
    const rules = '*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n:A - [0:0]\n:B - [0:0]\n-A OUTPUT -j A\n-A A -j B\n-A B -j A\n-A B -j NO-SUCH-TARGET\nCOMMIT\n';
    const trace = simulate(loopModel(rules), { from: 'a', packet });
    const text = JSON.stringify(trace);
    expect(text).toContain('error.jumpLoop');
    expect(trace.legs[0]!.hops.length).toBeGreaterThan(3);
  });
});
