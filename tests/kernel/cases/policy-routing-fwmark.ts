import { restoreInput } from '../harness/iptables';
import { EXT_IP, kubernetesNode, NODE_IP } from '../harness/topology';
import type { KernelCase } from '../harness/types';

// Policy routing by firewall mark: mangle PREROUTING marks traffic to 10.250.0.5:8080, an
// `ip rule fwmark 0x100/0x100 lookup 100` sends it to table 100, whose route leads to web-1
// (which holds 10.250.0.5 on lo). The main table alone would send it back out of eth0.
// The node's dumps here are `ip rule` and `ip route show table all`.
const base = kubernetesNode(['web-1']);
const c: KernelCase = {
  name: 'policy-routing-fwmark',
  title: 'mangle MARK + ip rule fwmark → routing table 100 → web-1 (anycast address on its lo)',
  topology: { ...base, ext: { ...base.ext, routes: [...base.ext.routes, `10.250.0.0/24 via ${NODE_IP}`] } },
  setup: [
    'kc_ip node-1 rule add fwmark 0x100/0x100 lookup 100 priority 100',
    'kc_ip node-1 route add 10.250.0.0/24 via 10.244.1.5 dev cni0 table 100',
    'kc_ip web-1 addr add 10.250.0.5/32 dev lo',
    // The reply comes back on cni0 from 10.250.0.5, which the main table routes via eth0.
    'kc_sysctl node-1 net.ipv4.conf.all.rp_filter 0',
    'kc_sysctl node-1 net.ipv4.conf.cni0.rp_filter 0',
  ],
  policyRouting: true,
  rules: restoreInput({
    mangle: { rules: ['-A PREROUTING -d 10.250.0.5/32 -p tcp -m tcp --dport 8080 -j MARK --set-xmark 0x100/0x100'] },
    filter: { rules: ['-A FORWARD -m mark --mark 0x100/0x100 -j ACCEPT'] },
  }),
  listeners: [{ role: 'web-1', ports: ['tcp:8080'] }, { role: 'ext', ports: ['tcp:8080'] }],
  send: { from: 'ext', proto: 'tcp', src: EXT_IP, sport: 40000, dst: '10.250.0.5', dport: 8080 },
  expectKernel: { outcome: 'delivered', at: 'web-1' },
};
export default c;
