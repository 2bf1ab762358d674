import { webService } from '../../harness/kube-proxy';
import { K8S_POD_IPS, kubernetesNode, NODE_IP } from '../../harness/topology';
import { kubeProxyNft } from '../kube-proxy-nft';
import type { NftCase } from '../types';

// The node itself → ClusterIP: filter-output (-110), nat-output (-100: services → dnat),
// filter-output-post-dnat (-90), reroute to cni0, masquerade (source outside the cluster CIDR
// → mark-for-masquerade in the service chain).
const c: NftCase = {
  name: 'kp-node-to-clusterip',
  title: 'kube-proxy nft: the node itself → ClusterIP (nat-output dnat, masquerade)',
  topology: kubernetesNode(['web-1']),
  load: [{ nft: kubeProxyNft([webService([K8S_POD_IPS['web-1']!])]) }],
  listeners: [{ role: 'web-1', ports: ['tcp:8080'] }],
  send: { from: 'node-1', proto: 'tcp', src: NODE_IP, sport: 40000, dst: '10.96.0.100', dport: 80 },
  expectKernel: { outcome: 'delivered', at: 'web-1' },
};
export default c;
