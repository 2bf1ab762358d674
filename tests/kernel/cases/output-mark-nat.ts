import { restoreInput } from '../harness/iptables';
import { kubernetesNode, NODE_IP } from '../harness/topology';
import type { KernelCase } from '../harness/types';

// A process on the node sends to 10.250.0.5:8080, which both web-1 (on its lo) and the outside
// segment hold. The main table sends it out of eth0; `ip rule fwmark 0x100/0x100 lookup 100`
// would send it to web-1. The mark is set in nat OUTPUT, after the socket's route was chosen:
// the kernel does not route again (nat OUTPUT re-routes only on a new destination: nf_nat_ipv4_local_fn).
// Its twin, output-mark-mangle.ts, sets the same mark in the mangle table.
const base = kubernetesNode(['web-1']);
const c: KernelCase = {
  name: 'output-mark-nat',
  title: 'MARK in nat OUTPUT + ip rule fwmark: not routed again, out of eth0',
  topology: { ...base, ext: { ...base.ext, cidrs: [...base.ext.cidrs, '10.250.0.5/32'] } },
  setup: [
    'kc_ip node-1 rule add fwmark 0x100/0x100 lookup 100 priority 100',
    'kc_ip node-1 route add 10.250.0.0/24 via 10.244.1.5 dev cni0 table 100',
    'kc_ip web-1 addr add 10.250.0.5/32 dev lo',
    // web-1's reply from 10.250.0.5 comes in on cni0, which the main table routes via eth0.
    'kc_sysctl node-1 net.ipv4.conf.all.rp_filter 0',
    'kc_sysctl node-1 net.ipv4.conf.cni0.rp_filter 0',
  ],
  policyRouting: true,
  rules: restoreInput({
    nat: { rules: ['-A OUTPUT -d 10.250.0.5/32 -p tcp -m tcp --dport 8080 -j MARK --set-xmark 0x100/0x100'] },
    // A conntrack match, as every node has: without one nothing in this netns turns conntrack
    // on, and the nat chains only see packets conntrack tracks (nf_nat_inet_fn).
    filter: { rules: ['-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT'] },
  }),
  listeners: [{ role: 'web-1', ports: ['tcp:8080'] }, { role: 'ext', ports: ['tcp:8080'] }],
  send: { from: 'node-1', proto: 'tcp', src: NODE_IP, sport: 40000, dst: '10.250.0.5', dport: 8080 },
  expectKernel: { outcome: 'delivered', at: 'ext' },
};
export default c;
