import { restoreInput } from '../harness/iptables';
import { K8S_POD_IPS, kubernetesNode } from '../harness/topology';
import type { KernelCase } from '../harness/types';

// Pod → pod on the same bridge is bridged: with br_netfilter, FORWARD sees it and
// `-m physdev --physdev-is-bridged` matches it (the Docker ICC=false / older CNI idiom).
const c: KernelCase = {
  name: 'filter-physdev-bridged',
  title: 'pod → pod on cni0: -m physdev --physdev-is-bridged matches a bridged frame in FORWARD',
  topology: kubernetesNode(['client', 'web-1']),
  rules: restoreInput({
    filter: {
      policies: { FORWARD: 'DROP' },
      rules: [
        '-A FORWARD -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
        '-A FORWARD -i eth0 -j DROP',
        '-A FORWARD -m physdev --physdev-is-bridged -j ACCEPT',
      ],
    },
  }),
  listeners: [{ role: 'web-1', ports: ['tcp:8080'] }],
  send: { from: 'client', proto: 'tcp', src: K8S_POD_IPS.client!, sport: 40000, dst: K8S_POD_IPS['web-1']!, dport: 8080 },
  expectKernel: { outcome: 'delivered', at: 'web-1' },
};
export default c;
