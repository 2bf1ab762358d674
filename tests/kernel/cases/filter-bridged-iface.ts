import { restoreInput } from '../harness/iptables';
import { K8S_POD_IPS, kubernetesNode } from '../harness/topology';
import type { KernelCase } from '../harness/types';

// For a frame bridged between two ports of cni0, iptables' -i/-o are the bridge, never the
// veth ports (a classic surprise: that is what -m physdev is for). A rule without a target
// only counts, and the walk goes on.
const c: KernelCase = {
  name: 'filter-bridged-iface',
  title: 'pod → pod bridged: -i/-o veth+ never match (iif = oif = cni0); a rule without target continues',
  topology: kubernetesNode(['client', 'web-1']),
  rules: restoreInput({
    filter: {
      policies: { FORWARD: 'DROP' },
      rules: [
        '-A FORWARD -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
        '-A FORWARD -i veth+ -j DROP',
        '-A FORWARD -o veth+ -j DROP',
        '-A FORWARD -p tcp -m tcp --dport 8080',
        '-A FORWARD -i cni0 -o cni0 -j ACCEPT',
      ],
    },
  }),
  listeners: [{ role: 'web-1', ports: ['tcp:8080'] }],
  send: { from: 'client', proto: 'tcp', src: K8S_POD_IPS.client!, sport: 40000, dst: K8S_POD_IPS['web-1']!, dport: 8080 },
  expectKernel: { outcome: 'delivered', at: 'web-1' },
};
export default c;
