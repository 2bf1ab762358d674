import { fwmarkRouting, FWMARK_ADDRESS, FWMARK_RULE } from '../harness/fwmark-routing';
import { restoreInput } from '../harness/iptables';
import { NODE_IP } from '../harness/topology';
import type { KernelCase } from '../harness/types';

// A process on the node sends to 10.250.0.5:8080, which both web-1 (on its lo) and the outside
// segment hold. The main table sends it out of eth0; the fwmark rule would send it to web-1.
// The mark is set in nat OUTPUT, after the socket's route was chosen: the kernel does not route again (nat OUTPUT re-routes only on a new destination: nf_nat_ipv4_local_fn).
// Its twin, output-mark-mangle.ts, sets the same mark in the mangle table.
const c: KernelCase = {
  name: 'output-mark-nat',
  title: 'MARK in nat OUTPUT + ip rule fwmark: not routed again, out of eth0',
  ...fwmarkRouting([`${FWMARK_ADDRESS}/32`]),
  rules: restoreInput({
    nat: { rules: [`-A OUTPUT ${FWMARK_RULE}`] },
    // A conntrack match, as every node has: without one nothing in this netns turns conntrack
    // on, and the nat chains only see packets conntrack tracks (nf_nat_inet_fn).
    filter: { rules: ['-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT'] },
  }),
  send: { from: 'node-1', proto: 'tcp', src: NODE_IP, sport: 40000, dst: FWMARK_ADDRESS, dport: 8080 },
  expectKernel: { outcome: 'delivered', at: 'ext' },
};
export default c;
