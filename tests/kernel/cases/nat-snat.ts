import { restoreInput } from '../harness/iptables';
import { EXT_IP, kubernetesNode } from '../harness/topology';
import type { KernelCase } from '../harness/types';

// Explicit SNAT (no port range: the source port is kept) after a RETURN for intra-cluster traffic.
const c: KernelCase = {
  name: 'nat-snat',
  title: 'pod → outside with nat POSTROUTING -j SNAT --to-source 192.168.56.11 (port kept)',
  topology: kubernetesNode(['client']),
  rules: restoreInput({
    nat: {
      rules: [
        '-A POSTROUTING -d 10.244.0.0/16 -j RETURN',
        '-A POSTROUTING -s 10.244.1.0/24 -o eth0 -j SNAT --to-source 192.168.56.11',
      ],
    },
  }),
  listeners: [{ role: 'ext', ports: ['tcp:9000'] }],
  send: { from: 'client', proto: 'tcp', src: '10.244.1.2', sport: 40000, dst: EXT_IP, dport: 9000 },
  expectKernel: { outcome: 'delivered', at: 'ext' },
};
export default c;
