import { restoreInput } from '../harness/iptables';
import { EXT_IP, kubernetesNode, NODE_IP } from '../harness/topology';
import type { KernelCase } from '../harness/types';

// INPUT REJECT --reject-with tcp-reset: the outside client gets a RST although a socket listens.
const c: KernelCase = {
  name: 'filter-reject-tcp-reset',
  title: 'outside → node port 2222, INPUT REJECT --reject-with tcp-reset',
  topology: kubernetesNode(['web-1']),
  rules: restoreInput({
    filter: {
      rules: [
        '-A INPUT -i lo -j ACCEPT',
        '-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT',
        '-A INPUT -p tcp -m tcp --dport 2222 -j REJECT --reject-with tcp-reset',
      ],
    },
  }),
  listeners: [{ role: 'node-1', ports: ['tcp:2222'] }],
  send: { from: 'ext', proto: 'tcp', src: EXT_IP, sport: 40000, dst: NODE_IP, dport: 2222 },
  expectKernel: { outcome: 'rejected', rejectWith: 'tcp-reset' },
};
export default c;
