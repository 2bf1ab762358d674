import { fwmarkRouting, FWMARK_ADDRESS, FWMARK_RULE } from '../harness/fwmark-routing';
import { restoreInput } from '../harness/iptables';
import { EXT_IP, NODE_IP } from '../harness/topology';
import type { KernelCase } from '../harness/types';

// Policy routing by firewall mark: mangle PREROUTING marks traffic to 10.250.0.5:8080, the
// fwmark rule sends it to table 100 and on to web-1. The main table alone would send it back
// out of eth0. The node's dumps here are `ip rule` and `ip route show table all`.
const c: KernelCase = {
  name: 'policy-routing-fwmark',
  title: 'mangle MARK + ip rule fwmark → routing table 100 → web-1 (anycast address on its lo)',
  ...fwmarkRouting([], [`10.250.0.0/24 via ${NODE_IP}`]),
  rules: restoreInput({
    mangle: { rules: [`-A PREROUTING ${FWMARK_RULE}`] },
    filter: { rules: ['-A FORWARD -m mark --mark 0x100/0x100 -j ACCEPT'] },
  }),
  send: { from: 'ext', proto: 'tcp', src: EXT_IP, sport: 40000, dst: FWMARK_ADDRESS, dport: 8080 },
  expectKernel: { outcome: 'delivered', at: 'web-1' },
};
export default c;
