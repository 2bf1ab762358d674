import type { ClusterCase } from '../types';

const c: ClusterCase = {
  name: 'nodeport-cluster-api-1',
  title: 'outside → node-1:30200 (NodePort, eTP Cluster, no endpoint on node-1): DNAT + MASQUERADE to 10.244.1.0, VXLAN to api-1',
  send: { from: 'outside', proto: 'tcp', src: '192.168.56.100', sport: 41031, dst: '192.168.56.11', dport: 30200 },
  want: 'api-1',
  expectKernel: { outcome: 'delivered', at: 'api-1' },
};
export default c;
