import { restoreInput } from '../harness/iptables';
import { K8S_POD_IPS, kubernetesNode } from '../harness/topology';
import type { KernelCase } from '../harness/types';

// A pod's packet to a Service IP, DNATed to a pod on the same bridge. The frame was addressed
// to cni0's MAC, but after the DNAT in (bridge) PREROUTING br_netfilter finds the new route
// leads back out of cni0 and *bridges* the frame ("bridged_dnat") instead of routing it:
// FORWARD then sees the bridge ports, and -m physdev --physdev-is-bridged matches.
const c: KernelCase = {
  name: 'physdev-bridged-dnat',
  title: 'pod → Service IP DNATed to a pod on the same bridge: the frame is bridged, physdev-is-bridged matches in FORWARD',
  topology: kubernetesNode(['client', 'web-1']),
  rules: restoreInput({
    nat: { rules: ['-A PREROUTING -d 10.96.0.100/32 -p tcp -m tcp --dport 80 -j DNAT --to-destination 10.244.1.5:8080'] },
    filter: {
      policies: { FORWARD: 'DROP' },
      rules: [
        '-A FORWARD -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
        '-A FORWARD -m physdev --physdev-is-bridged -j ACCEPT',
      ],
    },
  }),
  listeners: [{ role: 'web-1', ports: ['tcp:8080'] }],
  send: { from: 'client', proto: 'tcp', src: K8S_POD_IPS.client!, sport: 40000, dst: '10.96.0.100', dport: 80 },
  expectKernel: { outcome: 'delivered', at: 'web-1' },
};
export default c;
