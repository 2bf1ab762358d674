import { EXT_IP, kubernetesNode } from '../../harness/topology';
import type { NftCase } from '../types';

// A packet of an established connection: an untraced UDP exchange client → outside:5353 (and
// the answer) before the dumps; `conntrack -L` is given to the engine with the rules. The
// traced datagram (same 5-tuple) is ESTABLISHED, so the forward chain's first rule accepts it,
// not the `ct state new` rule that let the first datagram out.
const c: NftCase = {
  name: 'fw-inet-ct-established',
  title: 'inet filter forward (policy drop): an established UDP flow (conntrack -L in the dumps) → ct state established,related accept',
  topology: kubernetesNode(['client']),
  load: [{
    nft: `table inet filter {
	chain forward {
		type filter hook forward priority filter; policy drop;
		ct state established,related accept
		ct state invalid drop
		iifname "cni0" oifname "eth0" udp dport 5353 ct state new accept
	}
}
`,
  }],
  listeners: [{ role: 'ext', ports: ['udp:5353'] }],
  warmup: [{ from: 'client', proto: 'udp', src: '10.244.1.2', sport: 40000, dst: EXT_IP, dport: 5353 }],
  conntrackDump: true,
  send: { from: 'client', proto: 'udp', src: '10.244.1.2', sport: 40000, dst: EXT_IP, dport: 5353 },
  expectKernel: { outcome: 'delivered', at: 'ext' },
};
export default c;
