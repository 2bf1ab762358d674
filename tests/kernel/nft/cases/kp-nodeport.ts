import { webService } from '../../harness/kube-proxy';
import { EXT_IP, K8S_POD_IPS, kubernetesNode, NODE_IP } from '../../harness/topology';
import { kubeProxyNft } from '../kube-proxy-nft';
import type { NftCase } from '../types';

// Outside → NodePort 192.168.56.11:30080 (externalTrafficPolicy Cluster), engine on the JSON
// dump: services' second rule (ip daddr @nodeport-ips, vmap @service-nodeports) → external
// chain (jump mark-for-masquerade, goto service chain) → endpoint dnat; masquerading
// (mark ^ 0x4000, masquerade fully-random) to cni0's address. Both endpoints.
const c: NftCase = {
  name: 'kp-nodeport',
  title: 'kube-proxy nft (JSON dump): outside → NodePort via nodeport-ips + service-nodeports, masquerade',
  topology: kubernetesNode(['web-1', 'web-2']),
  load: [{ nft: kubeProxyNft([webService([K8S_POD_IPS['web-1']!, K8S_POD_IPS['web-2']!], { nodePort: 30080 })]) }],
  json: true,
  listeners: [{ role: 'web-1', ports: ['tcp:8080'] }, { role: 'web-2', ports: ['tcp:8080'] }],
  send: { from: 'ext', proto: 'tcp', src: EXT_IP, sport: 40000, dst: NODE_IP, dport: 30080 },
  every: { need: 2, max: 30 },
  expectKernel: { outcome: 'delivered' },
};
export default c;
