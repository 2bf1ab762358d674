/**
 * A synthetic cluster's Services at a given size (Services × endpoints per Service), the
 * same on every run: ClusterIPs from 10.96.0.0/12, endpoints spread over the pods of 240
 * nodes (10.244.N.0/24, node-1's pods are local), a NodePort on every fourth Service while
 * the range 30000-32767 lasts, externalTrafficPolicy Local on every third NodePort, ClientIP
 * affinity on one Service in twenty, UDP on one in twenty, and one in a hundred without
 * endpoints (kube-proxy's REJECT rules).
 */
import type { KpService } from '../../tests/kernel/harness/kube-proxy';

export interface ClusterSize {
  services: number;
  endpoints: number;
}

/** The sizes the benchmark runs, as the issue names them: Services × endpoints. */
export const BENCH_SIZES: readonly ClusterSize[] = [
  { services: 1_000, endpoints: 10 },
  { services: 10_000, endpoints: 10 },
  { services: 30_000, endpoints: 4 },
  { services: 10_000, endpoints: 20 },
];

export const sizeLabel = (s: ClusterSize): string => `${s.services >= 1000 ? `${s.services / 1000}k` : s.services}×${s.endpoints}`;

const NODE_PORT_FIRST = 30000;
const NODE_PORT_LAST = 32767;
const PODS_PER_NODE = 250;
const NODES = 240;

/** A 32-bit number in dotted form. */
export function ipv4(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

const SERVICE_BASE = (10 << 24) | (96 << 16);

export function clusterIpOf(i: number): string {
  // .1 to .254 in each /24, so no address reads like a network or broadcast address.
  const n = i + 10;
  return ipv4(SERVICE_BASE + Math.floor(n / 254) * 256 + (n % 254) + 1);
}

/** Pod k of the cluster: node k mod 240 (so every Service has pods on several nodes). */
export function podIpOf(k: number): string {
  const node = k % NODES;
  const slot = Math.floor(k / NODES) % PODS_PER_NODE;
  return `10.244.${node}.${slot + 2}`;
}

export function syntheticServices(size: ClusterSize): KpService[] {
  const out: KpService[] = [];
  let nodePort = NODE_PORT_FIRST;
  let nodePorts = 0;
  for (let i = 0; i < size.services; i++) {
    const udp = i % 20 === 7;
    const s: KpService = {
      namespace: `team-${i % 40}`,
      name: `svc-${i}`,
      portName: udp ? 'dns' : i % 3 === 0 ? 'https' : 'http',
      protocol: udp ? 'udp' : 'tcp',
      clusterIP: clusterIpOf(i),
      port: udp ? 53 : i % 3 === 0 ? 443 : 80,
      endpoints: [],
    };
    if (i % 100 !== 99) {
      const targetPort = udp ? 5353 : 8080 + (i % 5);
      for (let j = 0; j < size.endpoints; j++) {
        const ip = podIpOf(i * size.endpoints + j);
        s.endpoints.push({ ip, port: targetPort, local: ip.startsWith('10.244.1.') });
      }
    }
    if (i % 4 === 1 && nodePort <= NODE_PORT_LAST) {
      s.nodePort = nodePort++;
      if (nodePorts++ % 3 === 2) s.externalTrafficPolicy = 'Local';
    }
    if (i % 20 === 3) s.affinitySeconds = 10800;
    out.push(s);
  }
  return out;
}
