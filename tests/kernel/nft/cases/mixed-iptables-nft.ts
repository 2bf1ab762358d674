import { restoreInput } from '../../harness/iptables';
import { EXT_IP, kubernetesNode } from '../../harness/topology';
import type { NftCase } from '../types';

// iptables-nft and native nft at the forward hook: an nft table at priority -10 marks the
// packet, iptables' filter FORWARD (priority 0, policy DROP) accepts marked packets. The engine
// gets iptables-save for the iptables-nft tables and `nft list ruleset` (which also prints them)
// for the rest, as docs/ tell users.
const c: NftCase = {
  name: 'mixed-iptables-nft',
  title: 'iptables-nft filter FORWARD (policy DROP, -m mark) + an nft table at priority -10 that marks',
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
    { nft: 'table ip guard {\n\tchain forward {\n\t\ttype filter hook forward priority -10; policy accept;\n\t\tiifname "eth0" tcp dport 8080 meta mark set 0x00000020\n\t}\n}\n' },
  ],
  listeners: [{ role: 'web-1', ports: ['tcp:8080'] }],
  send: { from: 'ext', proto: 'tcp', src: EXT_IP, sport: 40000, dst: '10.244.1.5', dport: 8080 },
  expectKernel: { outcome: 'delivered', at: 'web-1' },
};
export default c;
