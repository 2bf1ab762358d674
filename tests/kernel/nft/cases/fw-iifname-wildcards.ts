import { EXT_IP, kubernetesNode } from '../../harness/topology';
import type { NftCase } from '../types';

// Interface name wildcards: `iifname "veth*"` and `oifname "flannel*"` do not match a packet
// routed eth0 → cni0; `iifname "eth*" oifname "cni*"` does; `iifname != "cni*"`.
const c: NftCase = {
  name: 'fw-iifname-wildcards',
  title: 'iifname/oifname wildcards ("veth*", "eth*", "cni*", != "cni*"): outside → pod',
  topology: kubernetesNode(['web-1']),
  load: [{
    nft: `table ip fw {
	chain forward {
		type filter hook forward priority filter; policy drop;
		ct state established,related accept
		iifname "veth*" drop
		oifname "flannel*" drop
		iifname "eth*" oifname "cni*" tcp dport 8080 meta mark set 0x00000001
		iifname != "cni*" meta mark 0x00000001 accept
	}
}
`,
  }],
  listeners: [{ role: 'web-1', ports: ['tcp:8080'] }],
  send: { from: 'ext', proto: 'tcp', src: EXT_IP, sport: 40000, dst: '10.244.1.5', dport: 8080 },
  expectKernel: { outcome: 'delivered', at: 'web-1' },
};
export default c;
