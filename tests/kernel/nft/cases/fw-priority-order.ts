import { EXT_IP, kubernetesNode } from '../../harness/topology';
import type { NftCase } from '../types';

// Three tables on the forward hook at different priorities, loaded (and listed) in an order
// unlike their priorities: `early` (-5) marks the packet, `late` (10, policy drop) accepts only
// marked packets, `first` (mangle, -150) runs before both. Run by listing order, `late`
// would drop the packet.
const c: NftCase = {
  name: 'fw-priority-order',
  title: 'three tables on one hook at priorities 10, -5, -150, loaded in that order: the kernel runs them by priority',
  topology: kubernetesNode(['web-1']),
  load: [
    { nft: 'table ip late {\n\tchain forward {\n\t\ttype filter hook forward priority 10; policy drop;\n\t\tct state established,related accept\n\t\tmeta mark 0x00000005 accept\n\t}\n}\n' },
    { nft: 'table ip early {\n\tchain forward {\n\t\ttype filter hook forward priority -5; policy accept;\n\t\tmeta mark 0x00000004 meta mark set 0x00000005\n\t}\n}\n' },
    { nft: 'table ip first {\n\tchain forward {\n\t\ttype filter hook forward priority mangle; policy accept;\n\t\tiifname "eth0" meta mark set 0x00000004\n\t}\n}\n' },
  ],
  listeners: [{ role: 'web-1', ports: ['tcp:8080'] }],
  send: { from: 'ext', proto: 'tcp', src: EXT_IP, sport: 40000, dst: '10.244.1.5', dport: 8080 },
  expectKernel: { outcome: 'delivered', at: 'web-1' },
};
export default c;
