import type { ClusterCase } from '../types';

const c: ClusterCase = {
  name: 'pod-to-pod-vxlan',
  title: 'pod on node-1 → pod on node-2 (flannel.1 VXLAN, no Service, no NAT)',
  send: { from: 'client', proto: 'tcp', src: '10.244.1.2', sport: 41001, dst: '10.244.2.7', dport: 8080 },
  expectKernel: { outcome: 'delivered', at: 'api-1' },
};
export default c;
