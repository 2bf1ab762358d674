import { restoreInput } from '../harness/iptables';
import { EXT_IP, kubernetesNode, NODE_IP } from '../harness/topology';
import type { KernelCase } from '../harness/types';

// REDIRECT: the destination becomes the primary address of the incoming interface, port 2222.
const c: KernelCase = {
  name: 'nat-redirect',
  title: 'outside → node:8081, nat PREROUTING REDIRECT --to-ports 2222',
  topology: kubernetesNode(['web-1']),
  rules: restoreInput({
    nat: {
      rules: [
        '-A PREROUTING -i eth0 -p tcp -m tcp --dport 8081 -j REDIRECT --to-ports 2222',
      ],
    },
  }),
  listeners: [{ role: 'node-1', ports: ['tcp:2222', 'tcp:8081'] }],
  send: { from: 'ext', proto: 'tcp', src: EXT_IP, sport: 40000, dst: NODE_IP, dport: 8081 },
  expectKernel: { outcome: 'delivered', at: 'node-1' },
};
export default c;
