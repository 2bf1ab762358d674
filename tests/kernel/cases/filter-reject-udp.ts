import { restoreInput } from '../harness/iptables';
import { EXT_IP, kubernetesNode, NODE_IP } from '../harness/topology';
import type { KernelCase } from '../harness/types';

// UDP to the node, INPUT -j REJECT without --reject-with: icmp-port-unreachable by default.
const c: KernelCase = {
  name: 'filter-reject-udp',
  title: 'outside → node UDP 5353, INPUT -j REJECT (default icmp-port-unreachable)',
  topology: kubernetesNode(['web-1']),
  rules: restoreInput({
    filter: {
      rules: [
        '-A INPUT -p udp -m udp --dport 53 -j ACCEPT',
        '-A INPUT -s 192.168.56.0/24 -p udp -m udp --dport 5353 -j REJECT',
      ],
    },
  }),
  listeners: [{ role: 'node-1', ports: ['udp:5353'] }],
  send: { from: 'ext', proto: 'udp', src: EXT_IP, sport: 40053, dst: NODE_IP, dport: 5353 },
  expectKernel: { outcome: 'rejected', rejectWith: 'icmp-port-unreachable' },
};
export default c;
