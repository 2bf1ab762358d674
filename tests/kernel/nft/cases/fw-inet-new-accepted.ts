import { EXT_IP, kubernetesNode, NODE_IP } from '../../harness/topology';
import type { NftCase } from '../types';

export const INET_HOST_FIREWALL = `table inet filter {
	set allowed-tcp {
		type inet_service
		elements = { 22, 2222 }
	}
	chain input {
		type filter hook input priority filter; policy drop;
		ct state established,related accept
		ct state invalid drop
		iif "lo" accept
		meta l4proto icmp accept
		tcp dport @allowed-tcp ct state new accept
		meta l4proto tcp log prefix "inet-input-drop: "
	}
	chain forward {
		type filter hook forward priority filter; policy accept;
	}
	chain output {
		type filter hook output priority filter; policy accept;
	}
}
`;

// A host firewall in an inet table: input policy drop, `ct state established,related accept`
// first (a SYN is new: no match), `ct state invalid drop`, `iif "lo"`, then the allowed ports
// from a named set with `ct state new`.
const c: NftCase = {
  name: 'fw-inet-new-accepted',
  title: 'inet filter table (policy drop, ct state established,related accept): outside → node:2222 allowed by a port set',
  topology: kubernetesNode(['web-1']),
  load: [{ nft: INET_HOST_FIREWALL }],
  listeners: [{ role: 'node-1', ports: ['tcp:2222', 'tcp:2223'] }],
  send: { from: 'ext', proto: 'tcp', src: EXT_IP, sport: 40000, dst: NODE_IP, dport: 2222 },
  expectKernel: { outcome: 'delivered', at: 'node-1' },
};
export default c;
