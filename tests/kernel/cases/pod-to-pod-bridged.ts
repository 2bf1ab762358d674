import { kubeProxyRules, webService } from '../harness/kube-proxy';
import { K8S_POD_IPS, kubernetesNode } from '../harness/topology';
import type { KernelCase } from '../harness/types';

// Pod → pod on the same bridge, no Service: the frame is bridged (destination MAC is the other
// pod's), yet with bridge-nf-call-iptables=1 it passes PREROUTING, FORWARD and POSTROUTING.
const c: KernelCase = {
  name: 'pod-to-pod-bridged',
  title: 'pod → pod on the same cni0 bridge (br_netfilter: bridged frames pass iptables)',
  topology: kubernetesNode(['client', 'web-1']),
  rules: kubeProxyRules([webService([K8S_POD_IPS['web-1']!])]),
  listeners: [{ role: 'web-1', ports: ['tcp:8080'] }],
  send: { from: 'client', proto: 'tcp', src: '10.244.1.2', sport: 40000, dst: K8S_POD_IPS['web-1']!, dport: 8080 },
  expectKernel: { outcome: 'delivered', at: 'web-1' },
};
export default c;
