import type { ClusterCase } from '../types';

const c: ClusterCase = {
  name: 'pod-to-remote-node',
  title: 'pod on node-1 → node-2\'s own address 192.168.56.12:10250: plain underlay, FLANNEL-POSTRTG MASQUERADE',
  send: { from: 'client', proto: 'tcp', src: '10.244.1.2', sport: 41061, dst: '192.168.56.12', dport: 10250 },
  expectKernel: { outcome: 'delivered', at: 'node-2' },
};
export default c;
