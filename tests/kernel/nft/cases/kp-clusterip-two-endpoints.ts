import { webService } from '../../harness/kube-proxy';
import { K8S_POD_IPS, kubernetesNode } from '../../harness/topology';
import { kubeProxyNft } from '../kube-proxy-nft';
import type { NftCase } from '../types';

// Two endpoints (numgen random mod 2), read by the engine from `nft -j list ruleset`: traced
// connections from successive source ports until the kernel has picked both endpoints; each
// must be one of the engine's branches with the same rules (named by their JSON objects).
const c: NftCase = {
  name: 'kp-clusterip-two-endpoints',
  title: 'kube-proxy nft (JSON dump): pod → ClusterIP with two endpoints, both numgen branches',
  topology: kubernetesNode(['client', 'web-1', 'web-2']),
  load: [{ nft: kubeProxyNft([webService([K8S_POD_IPS['web-1']!, K8S_POD_IPS['web-2']!])]) }],
  json: true,
  listeners: [{ role: 'web-1', ports: ['tcp:8080'] }, { role: 'web-2', ports: ['tcp:8080'] }],
  send: { from: 'client', proto: 'tcp', src: '10.244.1.2', sport: 40000, dst: '10.96.0.100', dport: 80 },
  every: { need: 2, max: 30 },
  expectKernel: { outcome: 'delivered' },
};
export default c;
