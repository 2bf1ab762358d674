import { webService } from '../../harness/kube-proxy';
import { K8S_POD_IPS, kubernetesNode } from '../../harness/topology';
import { kubeProxyNft } from '../kube-proxy-nft';
import type { NftCase } from '../types';

// An address in the service CIDR that no Service has (10.96.0.77): not in @cluster-ips, so
// cluster-ips-check's second rule `ip daddr 10.96.0.0/12 drop` drops it in filter-forward.
const c: NftCase = {
  name: 'kp-clusterip-unallocated',
  title: 'kube-proxy nft: pod → unallocated ClusterIP (cluster-ips-check: drop)',
  topology: kubernetesNode(['client', 'web-1']),
  load: [{ nft: kubeProxyNft([webService([K8S_POD_IPS['web-1']!])]) }],
  listeners: [{ role: 'web-1', ports: ['tcp:8080'] }, { role: 'ext', ports: ['tcp:80'] }],
  send: { from: 'client', proto: 'tcp', src: '10.244.1.2', sport: 40000, dst: '10.96.0.77', dport: 80 },
  expectKernel: { outcome: 'dropped' },
};
export default c;
