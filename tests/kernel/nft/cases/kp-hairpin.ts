import { webService } from '../../harness/kube-proxy';
import { K8S_POD_IPS, kubernetesNode } from '../../harness/topology';
import { kubeProxyNft } from '../kube-proxy-nft';
import type { NftCase } from '../types';

// Hairpin: web-1 → its own Service, whose only endpoint is web-1. The endpoint chain's
// `ip saddr 10.244.1.5 jump mark-for-masquerade` marks it; nat-postrouting's masquerading
// masquerades it to cni0's address, back out the same bridge port (hairpin on).
const c: NftCase = {
  name: 'kp-hairpin',
  title: 'kube-proxy nft: pod → its own Service (endpoint chain marks, masquerading)',
  topology: kubernetesNode(['web-1']),
  load: [{ nft: kubeProxyNft([webService([K8S_POD_IPS['web-1']!])]) }],
  listeners: [{ role: 'web-1', ports: ['tcp:8080'] }],
  send: { from: 'web-1', proto: 'tcp', src: '10.244.1.5', sport: 40000, dst: '10.96.0.100', dport: 80 },
  expectKernel: { outcome: 'delivered', at: 'web-1' },
};
export default c;
