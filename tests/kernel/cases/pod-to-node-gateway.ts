import { restoreInput } from '../harness/iptables';
import { K8S_POD_IPS, kubernetesNode } from '../harness/topology';
import type { KernelCase } from '../harness/types';

// A pod talks to the node on the bridge's own address: INPUT with iif cni0.
const c: KernelCase = {
  name: 'pod-to-node-gateway',
  title: 'pod → node on cni0\'s address 10.244.1.1:2222: INPUT -i cni0, policy DROP',
  topology: kubernetesNode(['client']),
  rules: restoreInput({
    filter: {
      policies: { INPUT: 'DROP' },
      rules: [
        '-A INPUT -i lo -j ACCEPT',
        '-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
        '-A INPUT -i eth0 -p tcp -m tcp --dport 2222 -j DROP',
        '-A INPUT -s 10.244.0.0/16 -i cni0 -p tcp -m tcp --dport 2222 -j ACCEPT',
      ],
    },
  }),
  listeners: [{ role: 'node-1', ports: ['tcp:2222'] }],
  send: { from: 'client', proto: 'tcp', src: K8S_POD_IPS.client!, sport: 40000, dst: '10.244.1.1', dport: 2222 },
  expectKernel: { outcome: 'delivered', at: 'node-1' },
};
export default c;
