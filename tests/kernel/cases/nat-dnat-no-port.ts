import { restoreInput } from '../harness/iptables';
import { EXT_IP, kubernetesNode, NODE_IP } from '../harness/topology';
import type { KernelCase } from '../harness/types';

// DNAT without a port keeps the destination port; FORWARD then sees --ctstate DNAT and the old
// `-m state --state NEW` syntax; LOG and NFLOG do not stop the walk.
const c: KernelCase = {
  name: 'nat-dnat-no-port',
  title: 'DNAT --to-destination 10.244.1.5 (port kept), --ctstate DNAT, -m state, LOG/NFLOG continue',
  topology: kubernetesNode(['web-1']),
  rules: restoreInput({
    nat: {
      rules: [
        '-A PREROUTING -d 192.168.56.11/32 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 10.244.1.5',
      ],
    },
    filter: {
      policies: { FORWARD: 'DROP' },
      rules: [
        '-A FORWARD -m state --state RELATED,ESTABLISHED -j ACCEPT',
        '-A FORWARD -m state --state NEW -j LOG --log-prefix "fwd-new: "',
        '-A FORWARD -p tcp -j NFLOG --nflog-group 5',
        '-A FORWARD -m conntrack --ctstate SNAT -j DROP',
        '-A FORWARD -d 10.244.1.5/32 -m conntrack --ctstate DNAT -j ACCEPT',
      ],
    },
  }),
  listeners: [{ role: 'web-1', ports: ['tcp:8080'] }],
  send: { from: 'ext', proto: 'tcp', src: EXT_IP, sport: 40000, dst: NODE_IP, dport: 8080 },
  expectKernel: { outcome: 'delivered', at: 'web-1' },
};
export default c;
