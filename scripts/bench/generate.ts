/**
 * Synthetic node dumps of a cluster at a given size, in kube-proxy's three modes, for the
 * benchmark (scripts/bench/run.ts) and anyone who wants a big realistic paste:
 *   iptables  iptables-save.txt (tests/kernel/harness/kube-proxy.ts, the kernel suite's writer)
 *   ipvs      ipvsadm.txt + ipset.txt + iptables-save.txt (scripts/bench/ipvs.ts)
 *   nft       nft-ruleset.txt (tests/kernel/nft/kube-proxy-nft.ts, also the kernel suite's)
 * each with the node's ip-addr.txt and ip-route.txt (flannel vxlan, 240 nodes).
 *
 * scripts/bench/write-dumps.ts writes them to files.
 */
import { kubeProxyRules, type KpService } from '../../tests/kernel/harness/kube-proxy';
import { GATEWAY_IP, NODE, NODE_IP } from '../../tests/kernel/harness/topology';
import { flannelNft, kubeProxyNft } from '../../tests/kernel/nft/kube-proxy-nft';
import { ipsetList, ipvsadmList, ipvsModeIptables } from './ipvs';
import { syntheticServices, type ClusterSize } from './services';

export type ProxyMode = 'iptables' | 'ipvs' | 'nft';
export const PROXY_MODES: readonly ProxyMode[] = ['iptables', 'ipvs', 'nft'];

export interface DumpFile {
  name: string;
  text: string;
  node: string;
}

const NODES = 240;

function ipAddr(kubeIpvs0: string[]): string {
  const out = [
    '1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000',
    '    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00',
    '    inet 127.0.0.1/8 scope host lo',
    '       valid_lft forever preferred_lft forever',
    '2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc fq_codel state UP group default qlen 1000',
    '    link/ether 52:54:00:4e:0b:11 brd ff:ff:ff:ff:ff:ff',
    `    inet ${NODE_IP}/24 brd 192.168.56.255 scope global eth0`,
    '       valid_lft forever preferred_lft forever',
    '3: flannel.1: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1450 qdisc noqueue state UNKNOWN group default',
    '    link/ether 6e:0f:8a:5c:21:01 brd ff:ff:ff:ff:ff:ff',
    '    inet 10.244.1.0/32 scope global flannel.1',
    '       valid_lft forever preferred_lft forever',
    '4: cni0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1450 qdisc noqueue state UP group default qlen 1000',
    '    link/ether 0a:58:0a:f4:01:01 brd ff:ff:ff:ff:ff:ff',
    '    inet 10.244.1.1/24 brd 10.244.1.255 scope global cni0',
    '       valid_lft forever preferred_lft forever',
  ];
  if (kubeIpvs0.length) {
    out.push('5: kube-ipvs0: <BROADCAST,NOARP> mtu 1500 qdisc noop state DOWN group default', '    link/ether ba:f0:1b:0a:e2:16 brd ff:ff:ff:ff:ff:ff');
    for (const ip of kubeIpvs0) out.push(`    inet ${ip}/32 scope global kube-ipvs0`, '       valid_lft forever preferred_lft forever');
  }
  return `${out.join('\n')}\n`;
}

function ipRoute(): string {
  const out = [`default via ${GATEWAY_IP} dev eth0`];
  for (let n = 0; n < NODES; n++) {
    out.push(n === 1 ? '10.244.1.0/24 dev cni0 proto kernel scope link src 10.244.1.1' : `10.244.${n}.0/24 via 10.244.${n}.0 dev flannel.1 onlink`);
  }
  out.push(`192.168.56.0/24 dev eth0 proto kernel scope link src ${NODE_IP}`);
  return `${out.join('\n')}\n`;
}

/** The dumps of node-1 in `mode` for `services`. */
export function nodeDumps(services: KpService[], mode: ProxyMode): DumpFile[] {
  const file = (name: string, text: string): DumpFile => ({ name, text, node: NODE });
  switch (mode) {
    case 'iptables':
      return [file('iptables-save.txt', kubeProxyRules(services)), file('ip-addr.txt', ipAddr([])), file('ip-route.txt', ipRoute())];
    case 'ipvs':
      return [
        file('iptables-save.txt', ipvsModeIptables()),
        file('ipset.txt', ipsetList(services)),
        file('ipvsadm.txt', ipvsadmList(services)),
        file('ip-addr.txt', ipAddr(services.map((s) => s.clusterIP))),
        file('ip-route.txt', ipRoute()),
      ];
    case 'nft':
      return [file('nft-ruleset.txt', kubeProxyNft(services) + flannelNft()), file('ip-addr.txt', ipAddr([])), file('ip-route.txt', ipRoute())];
  }
}

export function clusterDumps(size: ClusterSize, mode: ProxyMode): { services: KpService[]; files: DumpFile[] } {
  const services = syntheticServices(size);
  return { services, files: nodeDumps(services, mode) };
}
