import { restoreInput } from '../harness/iptables';
import { EXT_IP, kubernetesNode } from '../harness/topology';
import type { KernelCase } from '../harness/types';

// -m multiport --dports with a range, -m iprange --src-range.
const c: KernelCase = {
  name: 'filter-multiport-iprange',
  title: 'multiport --dports 80,443,8000:8100 and iprange --src-range',
  topology: kubernetesNode(['web-1']),
  rules: restoreInput({
    filter: {
      policies: { FORWARD: 'DROP' },
      rules: [
        '-A FORWARD -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
        '-A FORWARD -p tcp -m multiport --dports 22,2222 -j DROP',
        '-A FORWARD -p tcp -m iprange --src-range 192.168.56.150-192.168.56.200 -j DROP',
        '-A FORWARD -p tcp -m multiport --dports 80,443,8000:8100 -m iprange --src-range 192.168.56.50-192.168.56.149 -j ACCEPT',
      ],
    },
  }),
  listeners: [{ role: 'web-1', ports: ['tcp:8080'] }],
  send: { from: 'ext', proto: 'tcp', src: EXT_IP, sport: 40000, dst: '10.244.1.5', dport: 8080 },
  expectKernel: { outcome: 'delivered', at: 'web-1' },
};
export default c;
