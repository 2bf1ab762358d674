import { kubeProxyRules, webService } from '../harness/kube-proxy';
import { K8S_POD_IPS, kubernetesNode } from '../harness/topology';
import type { KernelCase } from '../harness/types';

// Hairpin: a pod connects to its own Service and is its only endpoint. KUBE-SEP's `-s <ep>`
// rule marks it (KUBE-MARK-MASQ), KUBE-POSTROUTING masquerades it to cni0's address, and the
// bridge sends it back out of the port it came in on (hairpin on, as the CNI bridge plugin sets).
const c: KernelCase = {
  name: 'hairpin',
  title: 'pod → its own Service (source == endpoint): KUBE-MARK-MASQ + MASQUERADE, back out the same bridge port',
  topology: kubernetesNode(['web-1']),
  rules: kubeProxyRules([webService([K8S_POD_IPS['web-1']!])]),
  listeners: [{ role: 'web-1', ports: ['tcp:8080'] }],
  send: { from: 'web-1', proto: 'tcp', src: K8S_POD_IPS['web-1']!, sport: 40000, dst: '10.96.0.100', dport: 80 },
  expectKernel: { outcome: 'delivered', at: 'web-1' },
};
export default c;
