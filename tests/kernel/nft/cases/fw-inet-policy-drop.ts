import { EXT_IP, kubernetesNode, NODE_IP } from '../../harness/topology';
import type { NftCase } from '../types';
import { INET_HOST_FIREWALL } from './fw-inet-new-accepted';

// The same inet firewall, a port that is not in the set: only the `log` rule matches (no
// verdict), then the input chain's policy drops the SYN.
const c: NftCase = {
  name: 'fw-inet-policy-drop',
  title: 'inet filter table: outside → node:2223 (not allowed): log rule, then policy drop',
  topology: kubernetesNode(['web-1']),
  load: [{ nft: INET_HOST_FIREWALL }],
  listeners: [{ role: 'node-1', ports: ['tcp:2222', 'tcp:2223'] }],
  send: { from: 'ext', proto: 'tcp', src: EXT_IP, sport: 40000, dst: NODE_IP, dport: 2223 },
  expectKernel: { outcome: 'dropped' },
};
export default c;
