import type { ClusterCase } from '../types';

const c: ClusterCase = {
  name: 'nodeport-local-no-endpoint',
  title: 'outside → node-1:30201 (NodePort, eTP Local, no local endpoint): KUBE-EXTERNAL-SERVICES DROP',
  send: { from: 'outside', proto: 'tcp', src: '192.168.56.100', sport: 41042, dst: '192.168.56.11', dport: 30201 },
  expectKernel: { outcome: 'dropped' },
};
export default c;
