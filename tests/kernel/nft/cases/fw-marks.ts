import { EXT_IP, kubernetesNode } from '../../harness/topology';
import type { NftCase } from '../types';

// Marks: `meta mark set` a value, an OR and an XOR of the mark, `ct mark set meta mark`;
// matches with a mask, negated, on the ct mark.
const c: NftCase = {
  name: 'fw-marks',
  title: 'meta mark set (value, |, ^), ct mark set meta mark, mark matches with masks and !=',
  topology: kubernetesNode(['web-1']),
  load: [{
    nft: `table ip marks {
	chain pre {
		type filter hook prerouting priority mangle; policy accept;
		iifname "eth0" meta mark set 0x00000010
		meta mark & 0x000000ff == 0x00000010 meta mark set meta mark | 0x00004000
		meta mark & 0x00004000 == 0x00004000 ct mark set meta mark
	}
	chain forward {
		type filter hook forward priority filter; policy drop;
		ct state established,related accept
		meta mark 0x00000010 drop
		meta mark != 0x00004010 drop
		ct mark 0x00004010 meta mark set meta mark ^ 0x00000003
		meta mark & 0x000000ff == 0x00000013 accept
	}
}
`,
  }],
  listeners: [{ role: 'web-1', ports: ['tcp:8080'] }],
  send: { from: 'ext', proto: 'tcp', src: EXT_IP, sport: 40000, dst: '10.244.1.5', dport: 8080 },
  expectKernel: { outcome: 'delivered', at: 'web-1' },
};
export default c;
