import { kubeProxyRules, webService } from '../harness/kube-proxy';
import { K8S_POD_IPS, kubernetesNode } from '../harness/topology';
import type { KernelCase } from '../harness/types';

// Pod → ClusterIP with two endpoints: the statistic rule picks one at random. The endpoint the
// kernel chose (receiver, conntrack) must be one of the engine's branches, with the same rules.
const c: KernelCase = {
  name: 'clusterip-two-endpoints',
  title: 'pod → ClusterIP with two endpoints (statistic --probability 0.5): the kernel\'s pick is an engine branch',
  topology: kubernetesNode(['client', 'web-1', 'web-2']),
  rules: kubeProxyRules([webService([K8S_POD_IPS['web-1']!, K8S_POD_IPS['web-2']!])]),
  listeners: [{ role: 'web-1', ports: ['tcp:8080'] }, { role: 'web-2', ports: ['tcp:8080'] }],
  send: { from: 'client', proto: 'tcp', src: '10.244.1.2', sport: 40000, dst: '10.96.0.100', dport: 80 },
  expectKernel: { outcome: 'delivered' },
};
export default c;
