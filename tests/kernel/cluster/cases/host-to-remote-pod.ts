import type { ClusterCase } from '../types';

const c: ClusterCase = {
  name: 'host-to-remote-pod',
  title: 'hostNetwork process on node-1 → pod on node-2 (source address chosen by the route: flannel.1 10.244.1.0)',
  send: { from: 'node-1', proto: 'tcp', sport: 41051, dst: '10.244.2.7', dport: 8080 },
  expectKernel: { outcome: 'delivered', at: 'api-1' },
};
export default c;
