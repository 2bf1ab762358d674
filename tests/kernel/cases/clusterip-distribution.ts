import { kubeProxyRules, webService } from '../harness/kube-proxy';
import { K8S_POD_IPS, kubernetesNode } from '../harness/topology';
import type { KernelCase } from '../harness/types';

// Three endpoints (probabilities 0.3333333333, 0.5, rest): over 300 connections the kernel's
// endpoint counts must fit the engine's branch probabilities (chi-square, p = 1e-6).
const c: KernelCase = {
  name: 'clusterip-distribution',
  title: 'ClusterIP with three endpoints: 300 connections, the kernel\'s endpoint counts fit the engine\'s probabilities',
  topology: kubernetesNode(['client', 'web-1', 'web-2', 'web-3']),
  rules: kubeProxyRules([webService([K8S_POD_IPS['web-1']!, K8S_POD_IPS['web-2']!, K8S_POD_IPS['web-3']!])]),
  listeners: [{ role: 'web-1', ports: ['tcp:8080'] }, { role: 'web-2', ports: ['tcp:8080'] }, { role: 'web-3', ports: ['tcp:8080'] }],
  send: { from: 'client', proto: 'tcp', src: '10.244.1.2', sport: 40000, dst: '10.96.0.100', dport: 80 },
  expectKernel: { outcome: 'delivered' },
  distribution: { connections: 300 },
};
export default c;
