import { EXT_IP, kubernetesNode, NODE_IP } from '../../harness/topology';
import type { NftCase } from '../types';

// `fib daddr type`: local (the node's own address), != local, a set of types, in prerouting
// before routing and in input.
const c: NftCase = {
  name: 'fw-fib-local',
  title: 'fib daddr type local / != local / { broadcast, multicast } in prerouting and input',
  topology: kubernetesNode(['web-1']),
  load: [{
    nft: `table inet host {
	chain pre {
		type filter hook prerouting priority mangle; policy accept;
		fib daddr type { broadcast, multicast } drop
		fib daddr type != local meta mark set 0x00000033
		fib daddr type local tcp dport 2222 meta mark set 0x00000022
	}
	chain input {
		type filter hook input priority filter; policy drop;
		iif "lo" accept
		meta mark 0x00000033 drop
		fib daddr type local meta mark 0x00000022 accept
	}
}
`,
  }],
  listeners: [{ role: 'node-1', ports: ['tcp:2222'] }],
  send: { from: 'ext', proto: 'tcp', src: EXT_IP, sport: 40000, dst: NODE_IP, dport: 2222 },
  expectKernel: { outcome: 'delivered', at: 'node-1' },
};
export default c;
