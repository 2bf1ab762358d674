import { restoreInput } from '../harness/iptables';
import { EXT_IP, kubernetesNode } from '../harness/topology';
import type { KernelCase } from '../harness/types';

// A pod's connection to the outside, rejected in FORWARD with icmp-host-prohibited.
const c: KernelCase = {
  name: 'filter-reject-host-prohibited',
  title: 'pod → outside, FORWARD -i cni0 -o eth0 REJECT --reject-with icmp-host-prohibited',
  topology: kubernetesNode(['client']),
  rules: restoreInput({
    filter: {
      rules: [
        '-A FORWARD -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
        '-A FORWARD -i cni0 -o eth0 -p tcp -m tcp --dport 9000 -j REJECT --reject-with icmp-host-prohibited',
        '-A FORWARD -i cni0 -j ACCEPT',
      ],
    },
  }),
  listeners: [{ role: 'ext', ports: ['tcp:9000'] }],
  send: { from: 'client', proto: 'tcp', src: '10.244.1.2', sport: 40000, dst: EXT_IP, dport: 9000 },
  expectKernel: { outcome: 'rejected', rejectWith: 'icmp-host-prohibited' },
};
export default c;
