/**
 * The policy-routing set-up three cases share: `ip rule fwmark 0x100/0x100 lookup 100`, whose
 * table 100 routes 10.250.0.0/24 to web-1 (which holds 10.250.0.5 on its lo); without the mark
 * the main table sends such a packet out of eth0. rp_filter is off on the node, because web-1's
 * reply from 10.250.0.5 comes in on cni0, which the main table would not route it back by.
 */
import { kubernetesNode } from './topology';
import type { KernelCase } from './types';

export const FWMARK_ADDRESS = '10.250.0.5';
export const FWMARK_RULE = `-d ${FWMARK_ADDRESS}/32 -p tcp -m tcp --dport 8080 -j MARK --set-xmark 0x100/0x100`;

export function fwmarkRouting(extCidrs: string[] = [], extRoutes: string[] = []): Pick<KernelCase, 'topology' | 'setup' | 'policyRouting' | 'listeners'> {
  const base = kubernetesNode(['web-1']);
  return {
    topology: { ...base, ext: { ...base.ext, cidrs: [...base.ext.cidrs, ...extCidrs], routes: [...base.ext.routes, ...extRoutes] } },
    setup: [
      'kc_ip node-1 rule add fwmark 0x100/0x100 lookup 100 priority 100',
      'kc_ip node-1 route add 10.250.0.0/24 via 10.244.1.5 dev cni0 table 100',
      `kc_ip web-1 addr add ${FWMARK_ADDRESS}/32 dev lo`,
      'kc_sysctl node-1 net.ipv4.conf.all.rp_filter 0',
      'kc_sysctl node-1 net.ipv4.conf.cni0.rp_filter 0',
    ],
    policyRouting: true,
    listeners: [{ role: 'web-1', ports: ['tcp:8080'] }, { role: 'ext', ports: ['tcp:8080'] }],
  };
}
