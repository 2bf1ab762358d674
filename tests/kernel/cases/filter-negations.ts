import { restoreInput } from '../harness/iptables';
import { EXT_IP, kubernetesNode } from '../harness/topology';
import type { KernelCase } from '../harness/types';

// Negated matches: ! -s, ! -i, ! --dport, ! -p, ! -d; the first rules must not match.
const c: KernelCase = {
  name: 'filter-negations',
  title: 'negations: ! -s, ! -i, ! --dport, ! -p, ! -d',
  topology: kubernetesNode(['web-1']),
  rules: restoreInput({
    filter: {
      policies: { FORWARD: 'DROP' },
      chains: ['NOT-UDP'],
      rules: [
        '-A FORWARD -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
        '-A FORWARD ! -s 192.168.56.0/24 -j DROP',
        '-A FORWARD ! -i eth0 -j DROP',
        '-A FORWARD -p tcp -m tcp ! --dport 8080 -j DROP',
        '-A FORWARD ! -p udp -m comment --comment "everything but UDP" -j NOT-UDP',
        '-A NOT-UDP ! -d 10.244.1.6/32 -p tcp -m tcp ! --sport 1:1023 -j ACCEPT',
        '-A NOT-UDP -j DROP',
      ],
    },
  }),
  listeners: [{ role: 'web-1', ports: ['tcp:8080'] }],
  send: { from: 'ext', proto: 'tcp', src: EXT_IP, sport: 40000, dst: '10.244.1.5', dport: 8080 },
  expectKernel: { outcome: 'delivered', at: 'web-1' },
};
export default c;
