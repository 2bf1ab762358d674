import { EXT_IP, kubernetesNode } from '../../harness/topology';
import type { NftCase } from '../types';

// Concatenated keys, read by the engine from `nft -j list ruleset`: an exact set
// (addr . proto . port), an interval set of concatenations (prefix . prefix . port range), a
// verdict map keyed by addr . port whose verdict jumps to a chain that tests the marks.
const c: NftCase = {
  name: 'fw-concat-keys',
  title: 'concatenated keys (JSON dump): addr . proto . port set, interval concatenation, addr . port verdict map',
  topology: kubernetesNode(['web-1', 'web-2']),
  json: true,
  load: [{
    nft: `table ip fw {
	set allow {
		type ipv4_addr . inet_proto . inet_service
		elements = { 192.168.56.100 . tcp . 8080, 192.168.56.100 . udp . 53 }
	}
	set allow-ranges {
		type ipv4_addr . ipv4_addr . inet_service
		flags interval
		elements = { 192.168.56.0/24 . 10.244.1.0/24 . 8000-8100 }
	}
	map by-dest {
		type ipv4_addr . inet_service : verdict
		elements = { 10.244.1.5 . 8080 : jump web-in, 10.244.1.6 . 8080 : drop }
	}
	chain forward {
		type filter hook forward priority filter; policy drop;
		ct state established,related accept
		ip saddr . meta l4proto . th dport @allow meta mark set 0x00000001
		ip saddr . ip daddr . tcp dport @allow-ranges meta mark set meta mark | 0x00000002
		ip daddr . tcp dport vmap @by-dest
	}
	chain web-in {
		meta mark 0x00000003 accept
	}
}
`,
  }],
  listeners: [{ role: 'web-1', ports: ['tcp:8080'] }, { role: 'web-2', ports: ['tcp:8080'] }],
  send: { from: 'ext', proto: 'tcp', src: EXT_IP, sport: 40000, dst: '10.244.1.5', dport: 8080 },
  expectKernel: { outcome: 'delivered', at: 'web-1' },
};
export default c;
