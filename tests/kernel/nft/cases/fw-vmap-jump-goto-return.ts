import { EXT_IP, kubernetesNode } from '../../harness/topology';
import type { NftCase } from '../types';

// Verdict maps with jump and goto, return and falling off a chain's end, read from JSON:
// forward --vmap jump--> from-outside --vmap goto--> web --jump--> tag (falls off: back to web),
// web's `return` goes back past from-outside (entered by goto) to forward's next rule.
const c: NftCase = {
  name: 'fw-vmap-jump-goto-return',
  title: 'verdict maps with jump/goto, return and the end of a chain (JSON dump): return skips a goto',
  topology: kubernetesNode(['web-1']),
  json: true,
  load: [{
    nft: `table inet fw {
	chain forward {
		type filter hook forward priority filter; policy drop;
		iifname vmap { "eth0" : jump from-outside, "cni0" : goto from-pods }
		meta mark 0x00000007 accept
	}
	chain from-outside {
		tcp dport vmap { 22 : drop, 8080 : goto web }
		drop
	}
	chain web {
		jump tag
		ip saddr 192.168.56.0/24 return
		drop
	}
	chain tag {
		meta mark set 0x00000007
	}
	chain from-pods {
		accept
	}
}
`,
  }],
  listeners: [{ role: 'web-1', ports: ['tcp:8080'] }],
  send: { from: 'ext', proto: 'tcp', src: EXT_IP, sport: 40000, dst: '10.244.1.5', dport: 8080 },
  expectKernel: { outcome: 'delivered', at: 'web-1' },
};
export default c;
