import { describe, expect, it } from 'vitest';
import type { Catalog, Trace } from '../../engine';
import { presetPacket } from './presets';
import { resolveSource } from './resolveSource';
import { joinSpec, splitSpec } from './specFields';

const catalog: Catalog = {
  namespaces: [
    { id: 'node-1' as never, node: 'node-1', kind: 'host', label: 'node-1', addresses: ['192.168.56.11', '10.244.1.1'], uplinks: ['eth0'] },
    { id: 'node-1/client' as never, node: 'node-1', kind: 'pod', label: 'default/client', addresses: ['10.244.1.2'], uplinks: [] },
  ],
  services: [
    { namespace: 'default', name: 'kubernetes', type: 'ClusterIP', clusterIP: '10.96.0.1', ports: [{ port: 443, protocol: 'TCP' }] },
    { namespace: 'default', name: 'web', type: 'NodePort', clusterIP: '10.96.0.100', ports: [{ port: 80, nodePort: 30080, protocol: 'TCP' }] },
  ],
  nodes: [{ name: 'node-1', addresses: ['192.168.56.11'] }],
};

describe('presets', () => {
  it('builds pod → Service, outside → NodePort and pod → internet from the catalog', () => {
    expect(presetPacket('podToService', catalog, null)).toEqual({ from: 'node-1/client', in: null, spec: 'tcp 10.244.1.2:40000 > 10.96.0.100:80' });
    expect(presetPacket('outsideToNodePort', catalog, null)).toEqual({ from: 'node-1', in: 'eth0', spec: 'tcp 203.0.113.10:40000 > 192.168.56.11:30080' });
    expect(presetPacket('podToInternet', catalog, null)).toEqual({ from: 'node-1/client', in: null, spec: 'tcp 10.244.1.2:40000 > 8.8.8.8:443' });
  });

  it('offers nothing the dumps cannot support', () => {
    const bare: Catalog = { namespaces: [], services: [], nodes: [] };
    expect(presetPacket('podToService', bare, null)).toBeNull();
    expect(presetPacket('outsideToNodePort', bare, null)).toBeNull();
    expect(presetPacket('reply', bare, null)).toBeNull();
  });

  it('swaps the final addresses of a delivered request for the reply', () => {
    const packet = { eth: null, ip: { src: '10.244.1.2', dst: '10.244.1.5', proto: 6, ttl: 63 }, l4: { sport: 40000, dport: 8080 }, meta: { mark: 0, ctmark: 0, ctstate: 'NEW' as const, ctdir: 'ORIGINAL' as const, ctnat: [] }, length: 60 };
    const trace = {
      legs: [{ kind: 'leg', leg: 'request', verdict: 'delivered', verdictMessage: { key: 'x' }, hops: [{ kind: 'hop', id: 'request-0', hop: 'deliver', place: { node: 'node-1', netns: 'node-1/web-1', netnsName: 'web-1' }, before: packet, after: packet, message: { key: 'x' }, children: [] }] }],
      branches: [],
      assumptions: [],
      names: {},
    } as unknown as Trace;
    expect(presetPacket('reply', catalog, trace)).toEqual({ from: 'node-1/web-1', in: null, spec: 'tcp 10.244.1.5:8080 > 10.244.1.2:40000' });
  });
});

describe('spec fields', () => {
  it('splits and joins the spec text', () => {
    expect(splitSpec('tcp 10.0.0.1:4 > 10.0.0.2:80')).toEqual({ proto: 'tcp', src: '10.0.0.1:4', dst: '10.0.0.2:80' });
    expect(splitSpec('udp > 10.0.0.2:53')).toEqual({ proto: 'udp', src: '', dst: '10.0.0.2:53' });
    expect(joinSpec({ proto: 'icmp', src: '', dst: '10.0.0.2' })).toBe('icmp > 10.0.0.2');
  });
});

describe('resolveSource', () => {
  it('finds a namespace by id, pod name, label, node or address, as the engine does', () => {
    expect(resolveSource(catalog, 'node-1/client')?.id).toBe('node-1/client');
    expect(resolveSource(catalog, 'client')?.id).toBe('node-1/client');
    expect(resolveSource(catalog, 'default/client')?.id).toBe('node-1/client');
    expect(resolveSource(catalog, 'node-1')?.id).toBe('node-1');
    expect(resolveSource(catalog, '192.168.56.11')?.id).toBe('node-1');
    expect(resolveSource(catalog, '10.0.0.9')).toBeNull();
  });
});
