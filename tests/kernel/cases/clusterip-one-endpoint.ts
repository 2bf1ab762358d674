import { kubeProxyRules, webService } from '../harness/kube-proxy';
import { K8S_POD_IPS, kubernetesNode } from '../harness/topology';
import type { KernelCase } from '../harness/types';

// Pod → ClusterIP with a single endpoint: KUBE-SERVICES → KUBE-SVC (no statistic) → KUBE-SEP DNAT,
// bridged back out of cni0 (FORWARD with iif = oif = cni0). Also run through the CLI's JSON.
const c: KernelCase = {
  name: 'clusterip-one-endpoint',
  title: 'pod → ClusterIP 10.96.0.100:80, one endpoint 10.244.1.5:8080 (also via the CLI)',
  topology: kubernetesNode(['client', 'web-1']),
  rules: kubeProxyRules([webService([K8S_POD_IPS['web-1']!])]),
  listeners: [{ role: 'web-1', ports: ['tcp:8080'] }],
  send: { from: 'client', proto: 'tcp', src: '10.244.1.2', sport: 40000, dst: '10.96.0.100', dport: 80 },
  expectKernel: { outcome: 'delivered', at: 'web-1' },
  cli: true,
};
export default c;
