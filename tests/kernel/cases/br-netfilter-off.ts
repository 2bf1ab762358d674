import { restoreInput } from '../harness/iptables';
import { K8S_POD_IPS, kubernetesNode } from '../harness/topology';
import type { KernelCase } from '../harness/types';

// bridge-nf-call-iptables=0: a frame bridged from pod to pod never enters iptables, so the
// FORWARD DROP policy does not apply. The engine is told the same setting (no dump shows it).
const c: KernelCase = {
  name: 'br-netfilter-off',
  title: 'pod → pod on cni0 with bridge-nf-call-iptables=0: bridged frames skip iptables (FORWARD DROP unused)',
  topology: kubernetesNode(['client', 'web-1'], { brNetfilter: false }),
  rules: restoreInput({
    filter: {
      policies: { FORWARD: 'DROP' },
      rules: ['-A FORWARD -d 10.244.1.5/32 -j DROP'],
    },
  }),
  listeners: [{ role: 'web-1', ports: ['tcp:8080'] }],
  send: { from: 'client', proto: 'tcp', src: K8S_POD_IPS.client!, sport: 40000, dst: K8S_POD_IPS['web-1']!, dport: 8080 },
  expectKernel: { outcome: 'delivered', at: 'web-1' },
  settings: { bridgeNfCallIptables: false },
};
export default c;
