import { restoreInput } from '../harness/iptables';
import { EXT_IP, kubernetesNode } from '../harness/topology';
import type { KernelCase } from '../harness/types';

// Routed from outside to a pod: a FORWARD rule after a non-matching one drops it.
const c: KernelCase = {
  name: 'filter-drop',
  title: 'outside → pod, FORWARD -j DROP for that source and port',
  topology: kubernetesNode(['web-1']),
  rules: restoreInput({
    filter: {
      rules: [
        '-A FORWARD -s 192.168.56.0/24 -d 10.244.1.5/32 -p tcp -m tcp --dport 22 -j ACCEPT',
        '-A FORWARD -s 192.168.56.100/32 -d 10.244.1.0/24 -p tcp -m tcp --dport 8080 -j DROP',
        '-A FORWARD -j ACCEPT',
      ],
    },
  }),
  listeners: [{ role: 'web-1', ports: ['tcp:8080'] }],
  send: { from: 'ext', proto: 'tcp', src: EXT_IP, sport: 40000, dst: '10.244.1.5', dport: 8080 },
  expectKernel: { outcome: 'dropped' },
};
export default c;
