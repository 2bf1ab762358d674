import { kubeProxyRules, webService } from '../harness/kube-proxy';
import { K8S_POD_IPS, kubernetesNode, NODE_IP } from '../harness/topology';
import type { KernelCase } from '../harness/types';

// A process on the node itself: nat OUTPUT → KUBE-SERVICES → KUBE-SVC (source outside the
// cluster CIDR → KUBE-MARK-MASQ) → DNAT, rerouted to cni0, masqueraded to 10.244.1.1.
const c: KernelCase = {
  name: 'node-to-clusterip',
  title: 'the node itself (--local, OUTPUT) → ClusterIP: DNAT in nat OUTPUT, reroute, MASQUERADE',
  topology: kubernetesNode(['web-1']),
  rules: kubeProxyRules([webService([K8S_POD_IPS['web-1']!])]),
  listeners: [{ role: 'web-1', ports: ['tcp:8080'] }],
  send: { from: 'node-1', proto: 'tcp', src: NODE_IP, sport: 40000, dst: '10.96.0.100', dport: 80 },
  expectKernel: { outcome: 'delivered', at: 'web-1' },
  cli: true,
};
export default c;
