import { fwmarkRouting, FWMARK_ADDRESS, FWMARK_RULE } from '../harness/fwmark-routing';
import { restoreInput } from '../harness/iptables';
import { NODE_IP } from '../harness/topology';
import type { KernelCase } from '../harness/types';

// A process on the node sends to 10.250.0.5:8080, which both web-1 (on its lo) and the outside
// segment hold. The main table sends it out of eth0; the fwmark rule would send it to web-1.
// The mark is set in mangle OUTPUT, after the socket's route was chosen: the kernel routes again (mangle OUTPUT re-routes on a mark change: ipt_mangle_out).
// Its twin, output-mark-nat.ts, sets the same mark in the nat table.
const c: KernelCase = {
  name: 'output-mark-mangle',
  title: 'MARK in mangle OUTPUT + ip rule fwmark: routed again to web-1',
  ...fwmarkRouting([`${FWMARK_ADDRESS}/32`]),
  rules: restoreInput({
    mangle: { rules: [`-A OUTPUT ${FWMARK_RULE}`] },
    // A conntrack match, as every node has: without one nothing in this netns turns conntrack
    // on, and the nat chains only see packets conntrack tracks (nf_nat_inet_fn).
    filter: { rules: ['-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT'] },
  }),
  send: { from: 'node-1', proto: 'tcp', src: NODE_IP, sport: 40000, dst: FWMARK_ADDRESS, dport: 8080 },
  expectKernel: { outcome: 'delivered', at: 'web-1' },
};
export default c;
