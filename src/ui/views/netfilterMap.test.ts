import { describe, expect, it } from 'vitest';
import type { HopNode } from '../../engine';
import { mapStates } from './netfilterMap';

const hop = (hop: string, place: object) => ({ hop, place: { node: 'n', netns: 'n', netnsName: '', ...place }, children: [] }) as unknown as HopNode;

describe('mapStates', () => {
  it('lights the current cell and marks the ones visited in this namespace and leg', () => {
    const hops = [
      hop('originate', { netns: 'n/pod' }),
      hop('veth', { iface: 'veth1' }),
      hop('conntrack', { hook: 'PREROUTING' }),
      hop('chain', { hook: 'PREROUTING', table: 'nat', chain: 'PREROUTING' }),
      hop('route', {}),
      hop('ipvs', { hook: 'INPUT' }),
      hop('route', {}),
      hop('chain', { hook: 'POSTROUTING', table: 'nat', chain: 'POSTROUTING' }),
    ];
    const legs = hops.map(() => 'request' as const);
    const s = mapStates(hops, legs, 7);
    expect(s.netns).toBe('n');
    expect(s.current).toBe('POSTROUTING:nat');
    // The first routing decision is the input one; after IPVS re-sends the packet, the output one.
    expect([...s.visited].sort()).toEqual(['INPUT:ipvs', 'PREROUTING:conntrack', 'PREROUTING:nat', 'in', 'route:in', 'route:out']);
    expect(mapStates(hops, legs, 0)).toMatchObject({ netns: 'n/pod', current: 'local' });
  });
});
