import { kubeProxyRules, webService } from '../harness/kube-proxy';
import { K8S_POD_IPS, kubernetesNode, NODE_IP } from '../harness/topology';
import type { KernelCase } from '../harness/types';

// The node connects to its own NodePort with Local policy: KUBE-EXT's
// `-m addrtype --src-type LOCAL` rules mark it for masquerade and send it to KUBE-SVC.
const c: KernelCase = {
  name: 'node-to-nodeport-local',
  title: 'the node itself → NodePort (Local policy): addrtype --src-type LOCAL → KUBE-MARK-MASQ, KUBE-SVC',
  topology: kubernetesNode(['web-1']),
  rules: kubeProxyRules([webService([K8S_POD_IPS['web-1']!], { nodePort: 30080, externalTrafficPolicy: 'Local' })]),
  listeners: [{ role: 'web-1', ports: ['tcp:8080'] }],
  send: { from: 'node-1', proto: 'tcp', src: NODE_IP, sport: 40000, dst: NODE_IP, dport: 30080 },
  expectKernel: { outcome: 'delivered', at: 'web-1' },
};
export default c;
