import type { ClusterCase } from '../types';

const c: ClusterCase = {
  name: 'host-to-clusterip',
  title: 'hostNetwork process on node-1 → ClusterIP 10.96.0.200:80 (endpoints on node-2): nat OUTPUT DNAT, KUBE-MARK-MASQ, MASQUERADE to 10.244.1.0',
  send: { from: 'node-1', proto: 'tcp', sport: 41052, dst: '10.96.0.200', dport: 80 },
  expectKernel: { outcome: 'delivered' },
};
export default c;
