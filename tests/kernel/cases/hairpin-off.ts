import { kubeProxyRules, webService } from '../harness/kube-proxy';
import { K8S_POD_IPS, kubernetesNode } from '../harness/topology';
import type { KernelCase } from '../harness/types';

// The classic "a pod cannot reach itself through its Service": the CNI bridge plugin with
// hairpinMode false leaves `hairpin off` on the pod's bridge port (visible in `ip -d addr`:
// bridge_slave ... hairpin off). netfilter still DNATs and masquerades the packet, but the
// bridge never sends a frame back out of the port it came in on, so it never arrives.
const c: KernelCase = {
  name: 'hairpin-off',
  title: 'pod → its own Service with hairpin off on its bridge port: NATed, then lost at the bridge',
  topology: kubernetesNode(['web-1'], { hairpinOff: ['web-1'] }),
  rules: kubeProxyRules([webService([K8S_POD_IPS['web-1']!])]),
  listeners: [{ role: 'web-1', ports: ['tcp:8080'] }],
  send: { from: 'web-1', proto: 'tcp', src: K8S_POD_IPS['web-1']!, sport: 40000, dst: '10.96.0.100', dport: 80 },
  expectKernel: { outcome: 'dropped' },
};
export default c;
