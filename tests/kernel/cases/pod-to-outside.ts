import { kubeProxyRules, webService } from '../harness/kube-proxy';
import { EXT_IP, K8S_POD_IPS, kubernetesNode } from '../harness/topology';
import type { KernelCase } from '../harness/types';

// Pod → an address outside the cluster: routed out of eth0, flanneld's FLANNEL-POSTRTG
// masquerades it (--random-fully) to the node's address.
const c: KernelCase = {
  name: 'pod-to-outside',
  title: 'pod → outside host: routed out of eth0, FLANNEL-POSTRTG MASQUERADE to the node address',
  topology: kubernetesNode(['client', 'web-1']),
  rules: kubeProxyRules([webService([K8S_POD_IPS['web-1']!])]),
  listeners: [{ role: 'ext', ports: ['tcp:9000'] }],
  send: { from: 'client', proto: 'tcp', src: '10.244.1.2', sport: 40000, dst: EXT_IP, dport: 9000 },
  expectKernel: { outcome: 'delivered', at: 'ext' },
};
export default c;
