import { restoreInput } from '../harness/iptables';
import { EXT_IP, kubernetesNode } from '../harness/topology';
import type { KernelCase } from '../harness/types';

// -m set: a hash:net deny list the client is not in, then a hash:ip,port allow list the
// destination is in. The node's `ipset save` is given to the engine with the other dumps.
const c: KernelCase = {
  name: 'filter-ipset',
  title: 'ipset match-set: not in a hash:net deny list (src), in a hash:ip,port allow list (dst,dst)',
  topology: kubernetesNode(['web-1']),
  ipsets: [
    'create BLOCKED hash:net family inet hashsize 1024 maxelem 65536',
    'add BLOCKED 192.168.56.192/26',
    'add BLOCKED 10.99.0.0/16',
    'create WEB hash:ip,port family inet hashsize 1024 maxelem 65536',
    'add WEB 10.244.1.5,tcp:8080',
    'add WEB 10.244.1.6,tcp:8080',
    '',
  ].join('\n'),
  rules: restoreInput({
    filter: {
      policies: { FORWARD: 'DROP' },
      rules: [
        '-A FORWARD -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
        '-A FORWARD -m set --match-set BLOCKED src -j DROP',
        '-A FORWARD -m set ! --match-set WEB dst,dst -j DROP',
        '-A FORWARD -p tcp -m set --match-set WEB dst,dst -j ACCEPT',
      ],
    },
  }),
  listeners: [{ role: 'web-1', ports: ['tcp:8080'] }],
  send: { from: 'ext', proto: 'tcp', src: EXT_IP, sport: 40000, dst: '10.244.1.5', dport: 8080 },
  expectKernel: { outcome: 'delivered', at: 'web-1' },
};
export default c;
