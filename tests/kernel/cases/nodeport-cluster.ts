import { kubeProxyRules, webService } from '../harness/kube-proxy';
import { EXT_IP, K8S_POD_IPS, kubernetesNode, NODE_IP } from '../harness/topology';
import type { KernelCase } from '../harness/types';

// NodePort, externalTrafficPolicy Cluster, from an outside client arriving on eth0:
// KUBE-SERVICES' last rule (addrtype LOCAL) → KUBE-NODEPORTS → KUBE-EXT (KUBE-MARK-MASQ) →
// KUBE-SVC → KUBE-SEP DNAT; KUBE-POSTROUTING masquerades to cni0's address (--random-fully).
const c: KernelCase = {
  name: 'nodeport-cluster',
  title: 'outside → NodePort 30080 (externalTrafficPolicy Cluster): DNAT + MASQUERADE to the endpoint',
  topology: kubernetesNode(['web-1', 'web-2']),
  rules: kubeProxyRules([webService([K8S_POD_IPS['web-1']!, K8S_POD_IPS['web-2']!], { nodePort: 30080 })]),
  listeners: [{ role: 'web-1', ports: ['tcp:8080'] }, { role: 'web-2', ports: ['tcp:8080'] }],
  send: { from: 'ext', proto: 'tcp', src: EXT_IP, sport: 40000, dst: NODE_IP, dport: 30080 },
  expectKernel: { outcome: 'delivered' },
};
export default c;
