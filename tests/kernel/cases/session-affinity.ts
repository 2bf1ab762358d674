import { kubeProxyRules, webService } from '../harness/kube-proxy';
import { K8S_POD_IPS, kubernetesNode } from '../harness/topology';
import type { KernelCase } from '../harness/types';

// sessionAffinity ClientIP: `-m recent --rcheck` rules come first (the lists are empty for a
// first connection, as the engine assumes), then the statistic cascade; KUBE-SEP's DNAT rule
// also does `-m recent --set`.
const c: KernelCase = {
  name: 'session-affinity',
  title: 'pod → ClusterIP with sessionAffinity ClientIP (recent --rcheck/--set), first connection',
  topology: kubernetesNode(['client', 'web-1', 'web-2']),
  rules: kubeProxyRules([webService([K8S_POD_IPS['web-1']!, K8S_POD_IPS['web-2']!], { affinitySeconds: 10800 })]),
  listeners: [{ role: 'web-1', ports: ['tcp:8080'] }, { role: 'web-2', ports: ['tcp:8080'] }],
  send: { from: 'client', proto: 'tcp', src: '10.244.1.2', sport: 40000, dst: '10.96.0.100', dport: 80 },
  expectKernel: { outcome: 'delivered' },
};
export default c;
