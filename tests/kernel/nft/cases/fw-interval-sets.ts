import { EXT_IP, kubernetesNode } from '../../harness/topology';
import type { NftCase } from '../types';

// Named sets with `flags interval`: prefixes and ranges of addresses (the client is the last
// address of one range and the one before the first of another), a port set with a range,
// an anonymous interval set inline.
const c: NftCase = {
  name: 'fw-interval-sets',
  title: 'interval sets: prefix and range elements (range ends inclusive), port ranges, anonymous interval set',
  topology: kubernetesNode(['web-1']),
  load: [{
    nft: `table ip fw {
	set blocked {
		type ipv4_addr
		flags interval
		elements = { 10.0.0.0/8, 192.168.56.0/28, 192.168.56.101-192.168.56.120 }
	}
	set trusted {
		type ipv4_addr
		flags interval
		elements = { 172.16.0.0/12, 192.168.56.90-192.168.56.100 }
	}
	set web-ports {
		type inet_service
		flags interval
		elements = { 443, 8000-8100 }
	}
	chain forward {
		type filter hook forward priority filter; policy drop;
		ct state established,related accept
		ip saddr @blocked drop
		tcp dport { 1-1023, 9000-9999 } drop
		ip saddr @trusted tcp dport @web-ports accept
	}
}
`,
  }],
  listeners: [{ role: 'web-1', ports: ['tcp:8080'] }],
  send: { from: 'ext', proto: 'tcp', src: EXT_IP, sport: 40000, dst: '10.244.1.5', dport: 8080 },
  expectKernel: { outcome: 'delivered', at: 'web-1' },
};
export default c;
