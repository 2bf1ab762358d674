import { webService } from '../../harness/kube-proxy';
import { EXT_IP, K8S_POD_IPS, kubernetesNode, NODE_IP } from '../../harness/topology';
import { kubeProxyNft } from '../kube-proxy-nft';
import type { NftCase } from '../types';

// kube-proxy 1.29/1.30's way to find NodePort traffic: `fib daddr type local ip daddr !=
// 127.0.0.0/8 meta l4proto . th dport vmap @service-nodeports` (no nodeport-ips set).
const c: NftCase = {
  name: 'kp-nodeport-fib',
  title: 'kube-proxy nft 1.29 style: outside → NodePort via fib daddr type local + service-nodeports',
  topology: kubernetesNode(['web-1']),
  load: [{ nft: kubeProxyNft([webService([K8S_POD_IPS['web-1']!], { nodePort: 30080 })], { nodePorts: 'fib' }) }],
  listeners: [{ role: 'web-1', ports: ['tcp:8080'] }],
  send: { from: 'ext', proto: 'tcp', src: EXT_IP, sport: 40000, dst: NODE_IP, dport: 30080 },
  expectKernel: { outcome: 'delivered', at: 'web-1' },
};
export default c;
