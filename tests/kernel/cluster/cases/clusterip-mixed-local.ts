import type { ClusterCase } from '../types';
import { MIXED_SERVICE } from './mixed';

const c: ClusterCase = {
  name: 'clusterip-mixed-local',
  title: 'pod → ClusterIP with one local and one remote endpoint: the branch to the local one (web-1, same cni0)',
  send: { from: 'client', proto: 'tcp', src: '10.244.1.2', sport: 41021, dst: '10.96.0.202', dport: 80 },
  extraServices: [MIXED_SERVICE],
  want: 'web-1',
  expectKernel: { outcome: 'delivered', at: 'web-1' },
};
export default c;
