import { webService } from '../../harness/kube-proxy';
import { K8S_POD_IPS, kubernetesNode } from '../../harness/topology';
import { kubeProxyNft } from '../kube-proxy-nft';
import type { NftCase } from '../types';

// kube-proxy nftables mode, pod → ClusterIP 10.96.0.100:80 with one endpoint: filter-prerouting
// (firewall-check, empty map) → nat-prerouting → services (vmap @service-ips) → service chain
// (numgen random mod 1) → endpoint chain dnat; filter-forward's checks; masquerading returns.
const c: NftCase = {
  name: 'kp-clusterip-one-endpoint',
  title: 'kube-proxy nft: pod → ClusterIP with one endpoint (service-ips vmap, numgen mod 1, dnat)',
  topology: kubernetesNode(['client', 'web-1']),
  load: [{ nft: kubeProxyNft([webService([K8S_POD_IPS['web-1']!])]) }],
  listeners: [{ role: 'web-1', ports: ['tcp:8080'] }],
  send: { from: 'client', proto: 'tcp', src: '10.244.1.2', sport: 40000, dst: '10.96.0.100', dport: 80 },
  expectKernel: { outcome: 'delivered', at: 'web-1' },
};
export default c;
