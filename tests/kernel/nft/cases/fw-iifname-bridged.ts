import { K8S_POD_IPS, kubernetesNode } from '../../harness/topology';
import type { NftCase } from '../types';

// A bridged pod → pod frame (br_netfilter): in the ip forward hook the input and output
// interfaces are the bridge, not the veth ports, so `iifname "veth*"` never matches;
// `iifname "cni0" oifname "cni0"` does.
const c: NftCase = {
  name: 'fw-iifname-bridged',
  title: 'bridged pod → pod: iifname "veth*" does not match (iif = oif = cni0), iifname "cni0" oifname "cni0" does',
  topology: kubernetesNode(['client', 'web-1']),
  load: [{
    nft: `table ip fw {
	chain forward {
		type filter hook forward priority filter; policy drop;
		ct state established,related accept
		iifname "veth*" drop
		oifname "veth*" drop
		iifname "cni0" oifname "cni0" ip daddr ${K8S_POD_IPS['web-1']} accept
	}
}
`,
  }],
  listeners: [{ role: 'web-1', ports: ['tcp:8080'] }],
  send: { from: 'client', proto: 'tcp', src: '10.244.1.2', sport: 40000, dst: K8S_POD_IPS['web-1']!, dport: 8080 },
  expectKernel: { outcome: 'delivered', at: 'web-1' },
};
export default c;
