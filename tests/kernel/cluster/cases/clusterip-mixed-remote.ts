import type { ClusterCase } from '../types';
import { MIXED_SERVICE } from './mixed';

const c: ClusterCase = {
  name: 'clusterip-mixed-remote',
  title: 'pod → ClusterIP with one local and one remote endpoint: the branch to the remote one (api-1 on node-2)',
  send: { from: 'client', proto: 'tcp', src: '10.244.1.2', sport: 41022, dst: '10.96.0.202', dport: 80 },
  extraServices: [MIXED_SERVICE],
  want: 'api-1',
  expectKernel: { outcome: 'delivered', at: 'api-1' },
};
export default c;
