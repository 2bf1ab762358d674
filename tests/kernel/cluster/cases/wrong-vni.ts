import { flannelCommands, nodeByName } from '../topology';
import type { ClusterCase } from '../types';

const node2 = nodeByName('node-2');

const c: ClusterCase = {
  name: 'wrong-vni',
  title: 'pod on node-1 → pod on node-2 when node-2\'s flannel.1 has VNI 2 (node-1 still sends VNI 1)',
  send: { from: 'client', proto: 'tcp', src: '10.244.1.2', sport: 41111, dst: '10.244.2.7', dport: 8080 },
  // A VNI cannot be changed in place ("Cannot change VNI"): flannel.1 is made again, with its peers.
  setup: ['hkc_in node-2 ip link del flannel.1', ...flannelCommands(node2, 2)],
  restore: ['hkc_in node-2 ip link del flannel.1', ...flannelCommands(node2, 1)],
  about: 'The kernel: node-2 receives the datagram on UDP 8472 (PREROUTING, INPUT) but has no vxlan device for VNI 1, so vxlan_rcv drops it; nothing is decapsulated.',
  expectKernel: { outcome: 'dropped' },
};
export default c;
