import type { ClusterCase } from '../types';

const c: ClusterCase = {
  name: 'clusterip-remote-api-2',
  title: 'pod on node-1 → ClusterIP 10.96.0.200:80, both endpoints on node-2: the branch to api-2',
  send: { from: 'client', proto: 'tcp', src: '10.244.1.2', sport: 41012, dst: '10.96.0.200', dport: 80 },
  want: 'api-2',
  expectKernel: { outcome: 'delivered', at: 'api-2' },
};
export default c;
