import { restoreInput } from '../harness/iptables';
import { EXT_IP, kubernetesNode } from '../harness/topology';
import type { KernelCase } from '../harness/types';

// Interface wildcards: `veth+`, `flannel+`, `eth+`, `cni+` (a trailing + matches any suffix).
const c: KernelCase = {
  name: 'filter-iface-wildcards',
  title: 'interface wildcards -i eth+ -o cni+ (and non-matching veth+, flannel+)',
  topology: kubernetesNode(['web-1']),
  rules: restoreInput({
    filter: {
      policies: { FORWARD: 'DROP' },
      rules: [
        '-A FORWARD -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
        '-A FORWARD -i veth+ -j DROP',
        '-A FORWARD -i eth+ -o flannel+ -j DROP',
        '-A FORWARD -i eth0+ -o cni0 -p tcp -m tcp --dport 8080 -j MARK --set-xmark 0x2/0x2',
        '-A FORWARD -i eth+ -o cni+ -j ACCEPT',
      ],
    },
  }),
  listeners: [{ role: 'web-1', ports: ['tcp:8080'] }],
  send: { from: 'ext', proto: 'tcp', src: EXT_IP, sport: 40000, dst: '10.244.1.5', dport: 8080 },
  expectKernel: { outcome: 'delivered', at: 'web-1' },
};
export default c;
