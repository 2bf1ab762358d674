/**
 * The synthetic cluster generator: its dumps parse without a diagnostic in every kube-proxy
 * mode, hold what kube-proxy would write for the Services (about four iptables lines per
 * endpoint), and a packet to a generated Service is load-balanced to one of its endpoints.
 */
import { describe, expect, it } from 'vitest';
import { buildModel, parsePacketSpec, simulate } from '../../src/engine';
import { clusterDumps, PROXY_MODES } from './generate';
import { syntheticServices } from './services';

const size = { services: 40, endpoints: 3 };

describe('synthetic cluster dumps', () => {
  it('makes Services with unique ClusterIPs and NodePorts, some with affinity, Local policy, UDP and no endpoints', () => {
    const services = syntheticServices({ services: 2000, endpoints: 2 });
    expect(new Set(services.map((s) => s.clusterIP)).size).toBe(2000);
    const nodePorts = services.flatMap((s) => (s.nodePort ? [s.nodePort] : []));
    expect(new Set(nodePorts).size).toBe(nodePorts.length);
    expect(nodePorts.every((p) => p >= 30000 && p <= 32767)).toBe(true);
    expect(services.some((s) => s.affinitySeconds)).toBe(true);
    expect(services.some((s) => s.externalTrafficPolicy === 'Local')).toBe(true);
    expect(services.some((s) => s.protocol === 'udp')).toBe(true);
    expect(services.some((s) => s.endpoints.length === 0)).toBe(true);
  });

  it.each(PROXY_MODES)('%s mode: every dump parses cleanly', (mode) => {
    const { files } = clusterDumps(size, mode);
    const model = buildModel(files);
    expect(model.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
  });

  it('iptables mode writes about four lines per endpoint', () => {
    const big = { services: 200, endpoints: 10 };
    const lines = clusterDumps(big, 'iptables').files[0]!.text.split('\n').length;
    expect(lines / (big.services * big.endpoints)).toBeGreaterThan(3.5);
    expect(lines / (big.services * big.endpoints)).toBeLessThan(5);
  });

  it.each(PROXY_MODES)('%s mode: a ClusterIP packet is sent to one of the Service\'s endpoints', (mode) => {
    const { services, files } = clusterDumps(size, mode);
    const s = services.find((x) => x.endpoints.length > 0 && x.protocol === 'tcp' && !x.affinitySeconds)!;
    const trace = simulate(buildModel(files), { from: 'node-1', packet: parsePacketSpec(`tcp 192.168.56.11:40000 > ${s.clusterIP}:${s.port}`).value! });
    const dsts = trace.legs[0]!.hops.map((h) => `${h.after.ip.dst}:${h.after.l4?.dport}`);
    expect(s.endpoints.map((e) => `${e.ip}:${e.port}`)).toContain(dsts[dsts.length - 1]);
  });
});
