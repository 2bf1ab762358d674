import { EXT_IP, kubernetesNode } from '../../harness/topology';
import type { NftCase } from '../types';

// Two tables with a forward chain at the same priority (filter, 0), loaded a then b: the
// kernel runs b first (nf_hook_entries_grow puts a new hook before those of equal priority),
// so b's mark wins and c (priority 10) accepts; run in listing order (a, b), a's mark wins and
// c's policy drops the packet.
const c: NftCase = {
  name: 'fw-equal-priority',
  title: 'two tables at the same forward priority: the later-loaded one runs first (decides the verdict here)',
  topology: kubernetesNode(['web-1']),
  load: [
    { nft: 'table ip a {\n\tchain forward {\n\t\ttype filter hook forward priority filter; policy accept;\n\t\tmeta mark 0x00000000 meta mark set 0x00000001\n\t}\n}\n' },
    { nft: 'table ip b {\n\tchain forward {\n\t\ttype filter hook forward priority filter; policy accept;\n\t\tmeta mark 0x00000000 meta mark set 0x00000002\n\t}\n}\n' },
    { nft: 'table ip c {\n\tchain forward {\n\t\ttype filter hook forward priority 10; policy drop;\n\t\tct state established,related accept\n\t\tmeta mark 0x00000002 accept\n\t}\n}\n' },
  ],
  listeners: [{ role: 'web-1', ports: ['tcp:8080'] }],
  send: { from: 'ext', proto: 'tcp', src: EXT_IP, sport: 40000, dst: '10.244.1.5', dport: 8080 },
  expectKernel: { outcome: 'delivered', at: 'web-1' },
};
export default c;
