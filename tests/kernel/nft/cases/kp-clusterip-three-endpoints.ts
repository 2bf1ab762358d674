import { webService } from '../../harness/kube-proxy';
import { K8S_POD_IPS, kubernetesNode } from '../../harness/topology';
import { kubeProxyNft } from '../kube-proxy-nft';
import type { NftCase } from '../types';

// Three endpoints (numgen random mod 3): traced connections until the kernel has picked every
// endpoint (each compared with the engine's branch), then 200 untraced connections whose
// endpoint counts must fit the engine's 1/3 probabilities (chi-square, p = 1e-6).
const c: NftCase = {
  name: 'kp-clusterip-three-endpoints',
  title: 'kube-proxy nft: pod → ClusterIP with three endpoints, every numgen branch + distribution of 200 connections',
  topology: kubernetesNode(['client', 'web-1', 'web-2', 'web-3']),
  load: [{ nft: kubeProxyNft([webService([K8S_POD_IPS['web-1']!, K8S_POD_IPS['web-2']!, K8S_POD_IPS['web-3']!])]) }],
  listeners: [{ role: 'web-1', ports: ['tcp:8080'] }, { role: 'web-2', ports: ['tcp:8080'] }, { role: 'web-3', ports: ['tcp:8080'] }],
  send: { from: 'client', proto: 'tcp', src: '10.244.1.2', sport: 40000, dst: '10.96.0.100', dport: 80 },
  every: { need: 3, max: 40 },
  distribution: { connections: 200 },
  expectKernel: { outcome: 'delivered' },
};
export default c;
