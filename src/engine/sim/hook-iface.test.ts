/**
 * Which interface a hook's hops are placed at. The kernel's nft trace prints, at FORWARD and
 * POSTROUTING of a forwarded packet, both `iif` and `oif`; the hop's place is the output one,
 * the interface the packet leaves by. The reply of `reply-through-conntrack` comes in on cni0 and
 * leaves by eth0 (the route to the outside client), so its reverse-DNAT hop in POSTROUTING is at eth0.
 */
import { describe, expect, it } from 'vitest';
import { buildModel } from '../model/build';
import { readScenario } from '../testing/scenario-files';
import type { HopNode, Trace } from '../trace/types';
import { parsePacketSpec } from './packet-spec';
import { simulate } from './simulate';

function trace(id: string): Trace {
  const scenario = readScenario(id);
  const p = scenario.packets[0]!;
  return simulate(buildModel(scenario.inputs), { from: p.from, packet: parsePacketSpec(p.packet).value!, ...(p.in ? { in: p.in } : {}), ...(p.choices ? { choices: p.choices } : {}) });
}

function atHook(hops: HopNode[], node: string, hook: string): HopNode[] {
  return hops.filter((h) => h.place.netns === node && h.place.hook === hook);
}

describe('the interface of a hook hop', () => {
  const t = trace('reply-through-conntrack');
  const reply = t.legs.find((l) => l.leg === 'reply')!.hops;

  it('is the output interface in POSTROUTING, where conntrack undoes the DNAT of a forwarded reply', () => {
    const undo = reply.find((h) => h.message.key === 'hop.nat.reverseSrc')!;
    expect(undo.place).toMatchObject({ netns: 'node-1', hook: 'POSTROUTING', iface: 'eth0' });
    // The interface it leaves by, as the egress hop says.
    expect(reply.find((h) => h.hop === 'egress' && h.place.netns === 'node-1')!.place.iface).toBe('eth0');
  });

  it('is the input interface in PREROUTING and the output one in FORWARD, for every hop of the reply', () => {
    expect(new Set(atHook(reply, 'node-1', 'PREROUTING').map((h) => h.place.iface))).toEqual(new Set(['cni0']));
    expect(new Set(atHook(reply, 'node-1', 'FORWARD').map((h) => h.place.iface))).toEqual(new Set(['eth0']));
    expect(new Set(atHook(reply, 'node-1', 'POSTROUTING').map((h) => h.place.iface))).toEqual(new Set(['eth0']));
  });

  it('is the output interface in POSTROUTING of the request too (the MASQUERADE and the confirmation)', () => {
    const request = t.legs[0]!.hops;
    const post = atHook(request, 'node-1', 'POSTROUTING');
    expect(post.length).toBeGreaterThan(0);
    expect(new Set(post.map((h) => h.place.iface))).toEqual(new Set(['cni0']));
  });
});
