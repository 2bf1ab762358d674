import type { ClusterCase } from '../types';

const c: ClusterCase = {
  name: 'udp-kube-dns',
  title: 'pod on node-1 → kube-dns 10.96.0.10:53/UDP, both endpoints (coredns) on node-0: a datagram and its answer across VXLAN',
  send: { from: 'client', proto: 'udp', src: '10.244.1.2', sport: 41081, dst: '10.96.0.10', dport: 53 },
  expectKernel: { outcome: 'delivered' },
};
export default c;
