import type { ClusterCase } from '../types';

const c: ClusterCase = {
  name: 'three-node-nodeport',
  title: 'hostNetwork process on node-0 → node-1:30200 (NodePort) → endpoint on node-2: plain underlay, then DNAT + MASQUERADE + VXLAN',
  send: { from: 'node-0', proto: 'tcp', sport: 41071, dst: '192.168.56.11', dport: 30200 },
  expectKernel: { outcome: 'delivered' },
};
export default c;
