import type { ClusterCase } from '../types';

const c: ClusterCase = {
  name: 'nodeport-local-endpoint',
  title: 'outside → node-2:30201 (NodePort, eTP Local, local endpoints): KUBE-SVL, client address kept, no VXLAN',
  send: { from: 'outside', proto: 'tcp', src: '192.168.56.100', sport: 41041, dst: '192.168.56.12', dport: 30201 },
  expectKernel: { outcome: 'delivered' },
};
export default c;
