import { restoreInput } from '../harness/iptables';
import { EXT_IP, kubernetesNode } from '../harness/topology';
import type { KernelCase } from '../harness/types';

// RETURN from a user chain resumes the caller after the jump; the chain's DROP is never reached.
const c: KernelCase = {
  name: 'filter-return',
  title: 'FORWARD -j CHECKS; CHECKS -j RETURN for the client, then the caller\'s next rule accepts',
  topology: kubernetesNode(['web-1']),
  rules: restoreInput({
    filter: {
      policies: { FORWARD: 'DROP' },
      chains: ['CHECKS'],
      rules: [
        '-A FORWARD -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
        '-A FORWARD -p tcp -j CHECKS',
        '-A FORWARD -d 10.244.1.5/32 -p tcp -m tcp --dport 8080 -j ACCEPT',
        '-A CHECKS -s 10.0.0.0/8 -j DROP',
        '-A CHECKS -s 192.168.56.100/32 -j RETURN',
        '-A CHECKS -j DROP',
      ],
    },
  }),
  listeners: [{ role: 'web-1', ports: ['tcp:8080'] }],
  send: { from: 'ext', proto: 'tcp', src: EXT_IP, sport: 40000, dst: '10.244.1.5', dport: 8080 },
  expectKernel: { outcome: 'delivered', at: 'web-1' },
};
export default c;
