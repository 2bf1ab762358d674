import type { ClusterCase } from '../types';

const c: ClusterCase = {
  name: 'pod-to-outside',
  title: 'pod on node-1 → outside host 192.168.56.100:8080: FLANNEL-POSTRTG MASQUERADE --random-fully to 192.168.56.11',
  send: { from: 'client', proto: 'tcp', src: '10.244.1.2', sport: 41062, dst: '192.168.56.100', dport: 8080 },
  expectKernel: { outcome: 'delivered', at: 'outside' },
};
export default c;
