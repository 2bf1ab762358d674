import { restoreInput } from '../harness/iptables';
import { EXT_IP, kubernetesNode } from '../harness/topology';
import type { KernelCase } from '../harness/types';

// raw PREROUTING -j CT --notrack: the packet is UNTRACKED, skips the nat table, and matches
// `--ctstate UNTRACKED` in filter (FORWARD policy DROP otherwise).
const c: KernelCase = {
  name: 'raw-notrack',
  title: 'raw CT --notrack: nat is skipped (no DNAT), filter sees --ctstate UNTRACKED',
  topology: kubernetesNode(['web-1', 'web-2']),
  rules: restoreInput({
    raw: {
      rules: [
        '-A PREROUTING -d 10.244.1.5/32 -p tcp -m tcp --dport 8080 -j CT --notrack',
        '-A PREROUTING -s 10.244.1.5/32 -p tcp -m tcp --sport 8080 -j CT --notrack',
      ],
    },
    nat: {
      rules: [
        '-A PREROUTING -d 10.244.1.5/32 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 10.244.1.6:8080',
      ],
    },
    filter: {
      policies: { FORWARD: 'DROP' },
      rules: [
        '-A FORWARD -m conntrack --ctstate NEW -j DROP',
        '-A FORWARD -m conntrack --ctstate UNTRACKED -j ACCEPT',
      ],
    },
  }),
  listeners: [{ role: 'web-1', ports: ['tcp:8080'] }, { role: 'web-2', ports: ['tcp:8080'] }],
  send: { from: 'ext', proto: 'tcp', src: EXT_IP, sport: 40000, dst: '10.244.1.5', dport: 8080 },
  expectKernel: { outcome: 'delivered', at: 'web-1' },
};
export default c;
