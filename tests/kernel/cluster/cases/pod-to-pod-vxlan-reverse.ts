import type { ClusterCase } from '../types';

const c: ClusterCase = {
  name: 'pod-to-pod-vxlan-reverse',
  title: 'pod on node-2 → pod on node-1 (the other direction through flannel.1)',
  send: { from: 'api-1', proto: 'tcp', src: '10.244.2.7', sport: 41002, dst: '10.244.1.5', dport: 8080 },
  expectKernel: { outcome: 'delivered', at: 'web-1' },
};
export default c;
