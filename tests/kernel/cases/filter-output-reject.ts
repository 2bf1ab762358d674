import { restoreInput } from '../harness/iptables';
import { EXT_IP, kubernetesNode, NODE_IP } from '../harness/topology';
import type { KernelCase } from '../harness/types';

// A process on the node, stopped in filter OUTPUT with icmp-admin-prohibited.
const c: KernelCase = {
  name: 'filter-output-reject',
  title: 'the node itself → outside, OUTPUT -o eth+ REJECT --reject-with icmp-admin-prohibited',
  topology: kubernetesNode(['web-1']),
  rules: restoreInput({
    filter: {
      rules: [
        '-A OUTPUT -o lo -j ACCEPT',
        '-A OUTPUT -o eth+ -p tcp -m tcp --dport 9000 -j REJECT --reject-with icmp-admin-prohibited',
      ],
    },
  }),
  listeners: [{ role: 'ext', ports: ['tcp:9000'] }],
  send: { from: 'node-1', proto: 'tcp', src: NODE_IP, sport: 40000, dst: EXT_IP, dport: 9000 },
  expectKernel: { outcome: 'rejected', rejectWith: 'icmp-admin-prohibited' },
};
export default c;
