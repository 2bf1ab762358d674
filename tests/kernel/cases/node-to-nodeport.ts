import { kubeProxyRules, webService } from '../harness/kube-proxy';
import { K8S_POD_IPS, kubernetesNode, NODE_IP } from '../harness/topology';
import type { KernelCase } from '../harness/types';

// The node connects to its own NodePort: nat OUTPUT → KUBE-SERVICES → (addrtype LOCAL)
// KUBE-NODEPORTS → KUBE-EXT → KUBE-SVC → DNAT; the local route becomes a route to cni0.
const c: KernelCase = {
  name: 'node-to-nodeport',
  title: 'the node itself → its own NodePort 192.168.56.11:30080',
  topology: kubernetesNode(['web-1']),
  rules: kubeProxyRules([webService([K8S_POD_IPS['web-1']!], { nodePort: 30080 })]),
  listeners: [{ role: 'web-1', ports: ['tcp:8080'] }],
  send: { from: 'node-1', proto: 'tcp', src: NODE_IP, sport: 40000, dst: NODE_IP, dport: 30080 },
  expectKernel: { outcome: 'delivered', at: 'web-1' },
};
export default c;
