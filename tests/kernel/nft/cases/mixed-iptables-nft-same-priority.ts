import { restoreInput } from '../../harness/iptables';
import { EXT_IP, kubernetesNode } from '../../harness/topology';
import type { NftCase } from '../types';

// As mixed-iptables-nft, but the nft table's chain has priority filter (0), like iptables'
// filter FORWARD, and is loaded after iptables-restore: at equal priority the kernel runs the
// hook registered last first, so the nft chain marks before iptables' FORWARD looks.
const c: NftCase = {
  name: 'mixed-iptables-nft-same-priority',
  title: 'iptables-nft filter FORWARD and an nft chain at the same priority (filter): the later-loaded nft chain runs first',
  topology: kubernetesNode(['web-1']),
  load: [
    {
      iptables: restoreInput({
        filter: {
          policies: { FORWARD: 'DROP' },
          rules: ['-A FORWARD -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT', '-A FORWARD -m mark --mark 0x20 -j ACCEPT'],
        },
      }),
    },
    { nft: 'table ip guard {\n\tchain forward {\n\t\ttype filter hook forward priority filter; policy accept;\n\t\tiifname "eth0" tcp dport 8080 meta mark set 0x00000020\n\t}\n}\n' },
  ],
  listeners: [{ role: 'web-1', ports: ['tcp:8080'] }],
  send: { from: 'ext', proto: 'tcp', src: EXT_IP, sport: 40000, dst: '10.244.1.5', dport: 8080 },
  expectKernel: { outcome: 'delivered', at: 'web-1' },
};
export default c;
