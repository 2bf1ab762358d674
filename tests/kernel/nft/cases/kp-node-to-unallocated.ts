import { webService } from '../../harness/kube-proxy';
import { K8S_POD_IPS, kubernetesNode, NODE_IP } from '../../harness/topology';
import { kubeProxyNft } from '../kube-proxy-nft';
import type { NftCase } from '../types';

// The node itself → an unallocated ClusterIP: three base chains on the output hook
// (filter-output -110, nat-output -100, filter-output-post-dnat -90); the last one's
// cluster-ips-check drops it.
const c: NftCase = {
  name: 'kp-node-to-unallocated',
  title: 'kube-proxy nft: the node itself → unallocated ClusterIP (filter-output-post-dnat at -90 drops)',
  topology: kubernetesNode(['web-1']),
  load: [{ nft: kubeProxyNft([webService([K8S_POD_IPS['web-1']!])]) }],
  listeners: [{ role: 'web-1', ports: ['tcp:8080'] }, { role: 'ext', ports: ['tcp:80'] }],
  send: { from: 'node-1', proto: 'tcp', src: NODE_IP, sport: 40000, dst: '10.96.0.77', dport: 80 },
  expectKernel: { outcome: 'dropped' },
};
export default c;
