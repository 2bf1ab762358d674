import { kubeProxyRules, webService } from '../harness/kube-proxy';
import { K8S_POD_IPS, kubernetesNode, NODE_IP } from '../harness/topology';
import type { KernelCase } from '../harness/types';

// A pod connects to a NodePort (Local policy) on its own node: KUBE-EXT's "pod traffic" rule
// (-s 10.244.0.0/16) sends it to KUBE-SVC, not KUBE-SVL; no masquerade for a pod source.
const c: KernelCase = {
  name: 'pod-to-nodeport-local',
  title: 'pod → NodePort (externalTrafficPolicy Local) on its node: "pod traffic" rule → KUBE-SVC',
  topology: kubernetesNode(['client', 'web-1']),
  rules: kubeProxyRules([webService([K8S_POD_IPS['web-1']!], { nodePort: 30080, externalTrafficPolicy: 'Local' })]),
  listeners: [{ role: 'web-1', ports: ['tcp:8080'] }],
  send: { from: 'client', proto: 'tcp', src: K8S_POD_IPS.client!, sport: 40000, dst: NODE_IP, dport: 30080 },
  expectKernel: { outcome: 'delivered', at: 'web-1' },
};
export default c;
