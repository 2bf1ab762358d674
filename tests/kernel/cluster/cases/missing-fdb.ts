import { nodeByName } from '../topology';
import type { ClusterCase } from '../types';

const node2 = nodeByName('node-2');
const ENTRY = `${node2.vtepMac} dev flannel.1 dst ${node2.ip} self`;

const c: ClusterCase = {
  name: 'missing-fdb',
  title: 'pod on node-1 → pod on node-2 after node-1 lost its FDB entry for node-2\'s VTEP MAC (neighbour and route still there)',
  send: { from: 'client', proto: 'tcp', src: '10.244.1.2', sport: 41101, dst: '10.244.2.7', dport: 8080 },
  setup: [`hkc_in node-1 bridge fdb del ${ENTRY}`],
  restore: [`hkc_in node-1 bridge fdb append ${ENTRY} permanent`],
  about: 'The kernel: flannel.1 finds no FDB entry for the destination MAC and no default entry, so vxlan_xmit drops the frame (tx_dropped); nothing reaches the underlay.',
  expectKernel: { outcome: 'dropped' },
};
export default c;
