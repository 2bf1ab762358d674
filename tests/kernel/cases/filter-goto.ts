import { restoreInput } from '../harness/iptables';
import { EXT_IP, kubernetesNode } from '../harness/topology';
import type { KernelCase } from '../harness/types';

// -g (goto): OUTER goes to INNER without a return address; when INNER runs off its end the
// walk resumes in FORWARD (OUTER's caller), not in OUTER, so OUTER's DROP is never reached.
const c: KernelCase = {
  name: 'filter-goto',
  title: 'goto -g: falling off the goto target returns to the caller of the chain that did the goto',
  topology: kubernetesNode(['web-1']),
  rules: restoreInput({
    filter: {
      policies: { FORWARD: 'DROP' },
      chains: ['OUTER', 'INNER'],
      rules: [
        '-A FORWARD -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
        '-A FORWARD -p tcp -j OUTER',
        '-A FORWARD -d 10.244.1.5/32 -p tcp -m tcp --dport 8080 -j ACCEPT',
        '-A OUTER -s 192.168.56.0/24 -g INNER',
        '-A OUTER -j DROP',
        '-A INNER -p udp -j DROP',
        '-A INNER -s 192.168.56.100/32 -p tcp -m tcp --dport 8080 -j MARK --set-xmark 0x1/0xffffffff',
      ],
    },
  }),
  listeners: [{ role: 'web-1', ports: ['tcp:8080'] }],
  send: { from: 'ext', proto: 'tcp', src: EXT_IP, sport: 40000, dst: '10.244.1.5', dport: 8080 },
  expectKernel: { outcome: 'delivered', at: 'web-1' },
};
export default c;
