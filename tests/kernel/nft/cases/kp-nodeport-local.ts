import { webService } from '../../harness/kube-proxy';
import { EXT_IP, K8S_POD_IPS, kubernetesNode, NODE_IP } from '../../harness/topology';
import { kubeProxyNft } from '../kube-proxy-nft';
import type { NftCase } from '../types';

// externalTrafficPolicy Local: the external chain's "short-circuit pod traffic" (ip saddr
// 10.244.0.0/16) and `fib saddr type local` rules do not match an outside client, so it goes to
// the local- chain; no mark, no masquerade: the endpoint sees the client's own address.
const c: NftCase = {
  name: 'kp-nodeport-local',
  title: 'kube-proxy nft: outside → NodePort with externalTrafficPolicy Local (fib saddr type local, local- chain, client IP kept)',
  topology: kubernetesNode(['web-1']),
  load: [{ nft: kubeProxyNft([webService([K8S_POD_IPS['web-1']!], { nodePort: 30080, externalTrafficPolicy: 'Local' })]) }],
  listeners: [{ role: 'web-1', ports: ['tcp:8080'] }],
  send: { from: 'ext', proto: 'tcp', src: EXT_IP, sport: 40000, dst: NODE_IP, dport: 30080 },
  expectKernel: { outcome: 'delivered', at: 'web-1' },
};
export default c;
