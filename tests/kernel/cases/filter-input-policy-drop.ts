import { restoreInput } from '../harness/iptables';
import { EXT_IP, kubernetesNode, NODE_IP } from '../harness/topology';
import type { KernelCase } from '../harness/types';

// No rule matches: INPUT's policy DROP decides. Both sides must list no matched rule.
const c: KernelCase = {
  name: 'filter-input-policy-drop',
  title: 'outside → node port 2222 with INPUT policy DROP and no matching rule',
  topology: kubernetesNode(['web-1']),
  rules: restoreInput({
    filter: {
      policies: { INPUT: 'DROP' },
      rules: [
        '-A INPUT -i lo -j ACCEPT',
        '-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
        '-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT',
        '-A INPUT -p icmp -j ACCEPT',
      ],
    },
  }),
  listeners: [{ role: 'node-1', ports: ['tcp:2222'] }],
  send: { from: 'ext', proto: 'tcp', src: EXT_IP, sport: 40000, dst: NODE_IP, dport: 2222 },
  expectKernel: { outcome: 'dropped' },
};
export default c;
