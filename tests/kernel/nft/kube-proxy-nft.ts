/**
 * kube-proxy's nftables mode (`pkg/proxy/nftables/proxier.go`, 1.31) as `nft -f` input for one
 * flannel node, generated from the same Service descriptions the iptables cases use
 * (tests/kernel/harness/kube-proxy.ts), in the layout of the parser's real fixture
 * (src/engine/formats/nft/fixtures/source/kube-proxy.nft): table ip kube-proxy, base chains
 * filter-prerouting/input/forward/output (dstnat - 10), filter-output-post-dnat (dstnat + 10),
 * nat-prerouting/output (dstnat), nat-postrouting (srcnat); services, masquerading,
 * mark-for-masquerade; maps service-ips, service-nodeports, no-endpoint-services,
 * no-endpoint-nodeports, firewall-ips; sets cluster-ips, nodeport-ips; per Service
 * service-/external-/local- chains and per endpoint endpoint- chains with the real hashes
 * (base32(sha256("ns/name/proto/port[__ip/port]"))[:8]).
 *
 * nft 1.0.6 accepts the names `dstnat`/`srcnat` only on their own hooks (prerouting,
 * postrouting), so the other base chains use the numbers newer nft prints as `dstnat - 10` etc.
 */
import { createHash } from 'node:crypto';
import type { KpService } from '../harness/kube-proxy';
import { CLUSTER_CIDR, NODE_IP, NODE_POD_CIDR } from '../harness/topology';

export const SERVICE_CIDR = '10.96.0.0/12';

const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function base32(buf: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of buf) {
    value = ((value << 8) | byte) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      out += B32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += B32[(value << (5 - bits)) & 31];
  return out;
}

/** kube-proxy's hashAndTruncate: `HASH8-name`, cut to 240 characters with `...`. */
function hashAndTruncate(name: string): string {
  const s = `${base32(createHash('sha256').update(name).digest()).slice(0, 8)}-${name}`;
  return s.length > 240 ? `${s.slice(0, 237)}...` : s;
}

function base(s: KpService): string {
  return `${s.namespace}/${s.name}/${s.protocol}/${s.portName}`;
}

export function nftChainsOf(s: KpService) {
  const h = hashAndTruncate(base(s));
  return {
    svc: `service-${h}`,
    ext: `external-${h}`,
    local: `local-${h}`,
    ep: (ip: string, port: number) => `endpoint-${hashAndTruncate(`${base(s)}__${ip}/${port}`)}`,
    affinity: (ip: string, port: number) => `affinity-${hashAndTruncate(`${base(s)}__${ip}/${port}`)}`,
  };
}

export interface KubeProxyNftOptions {
  /**
   * How the services chain finds NodePort traffic: kube-proxy 1.31's `nodeport-ips` set
   * (default), or 1.29/1.30's `fib daddr type local ip daddr != 127.0.0.0/8`.
   */
  nodePorts?: 'nodeport-ips' | 'fib';
}

function elements(items: string[], indent = '\t\t'): string {
  return items.length ? `\n${indent}elements = { ${items.join(`,\n${indent}\t     `)} }` : '';
}

/** `nft -f` input for kube-proxy's table on node-1 (10.244.1.0/24, node IP 192.168.56.11). */
export function kubeProxyNft(services: KpService[], opts: KubeProxyNftOptions = {}): string {
  const nodePorts = opts.nodePorts ?? 'nodeport-ips';
  const withEps = services.filter((s) => s.endpoints.length > 0);
  const noEps = services.filter((s) => s.endpoints.length === 0);
  const out: string[] = [];
  out.push('table ip kube-proxy {', '\tcomment "rules for kube-proxy"');
  out.push(`\tset cluster-ips {\n\t\ttype ipv4_addr\n\t\tcomment "Active ClusterIPs"${elements(services.map((s) => s.clusterIP))}\n\t}`);
  if (nodePorts === 'nodeport-ips') out.push(`\tset nodeport-ips {\n\t\ttype ipv4_addr\n\t\tcomment "IPs that accept NodePort traffic"${elements([NODE_IP])}\n\t}`);
  for (const s of withEps) {
    if (!s.affinitySeconds) continue;
    const c = nftChainsOf(s);
    for (const ep of s.endpoints) {
      out.push(`\tset ${c.affinity(ep.ip, ep.port)} {\n\t\ttype ipv4_addr\n\t\tflags dynamic,timeout\n\t\ttimeout ${s.affinitySeconds}s\n\t}`);
    }
  }
  const noEpKey = (s: KpService) => `${s.clusterIP} . ${s.protocol} . ${s.port} comment "${s.namespace}/${s.name}:${s.portName}" : goto reject-chain`;
  const noEpNpKey = (s: KpService) => `${s.protocol} . ${s.nodePort} comment "${s.namespace}/${s.name}:${s.portName}" : goto reject-chain`;
  out.push(`\tmap no-endpoint-services {\n\t\ttype ipv4_addr . inet_proto . inet_service : verdict\n\t\tcomment "vmap to drop or reject packets to services with no endpoints"${elements(noEps.map(noEpKey))}\n\t}`);
  out.push(`\tmap no-endpoint-nodeports {\n\t\ttype inet_proto . inet_service : verdict\n\t\tcomment "vmap to drop or reject packets to service nodeports with no endpoints"${elements(noEps.filter((s) => s.nodePort).map(noEpNpKey))}\n\t}`);
  out.push('\tmap firewall-ips {\n\t\ttype ipv4_addr . inet_proto . inet_service : verdict\n\t\tcomment "destinations that are subject to LoadBalancerSourceRanges"\n\t}');
  out.push(`\tmap service-ips {\n\t\ttype ipv4_addr . inet_proto . inet_service : verdict\n\t\tcomment "ClusterIP, ExternalIP and LoadBalancer IP traffic"${elements(withEps.map((s) => `${s.clusterIP} . ${s.protocol} . ${s.port} : goto ${nftChainsOf(s).svc}`))}\n\t}`);
  out.push(`\tmap service-nodeports {\n\t\ttype inet_proto . inet_service : verdict\n\t\tcomment "NodePort traffic"${elements(withEps.filter((s) => s.nodePort).map((s) => `${s.protocol} . ${s.nodePort} : goto ${nftChainsOf(s).ext}`))}\n\t}`);

  const chain = (name: string, lines: string[]) => out.push(`\tchain ${name} {\n${lines.map((l) => `\t\t${l}`).join('\n')}\n\t}`);
  chain('filter-prerouting', ['type filter hook prerouting priority dstnat - 10; policy accept;', 'ct state new jump firewall-check']);
  chain('filter-input', ['type filter hook input priority -110; policy accept;', 'ct state new jump nodeport-endpoints-check', 'ct state new jump service-endpoints-check']);
  chain('filter-forward', ['type filter hook forward priority -110; policy accept;', 'ct state new jump service-endpoints-check', 'ct state new jump cluster-ips-check']);
  chain('filter-output', ['type filter hook output priority -110; policy accept;', 'ct state new jump service-endpoints-check', 'ct state new jump firewall-check']);
  chain('filter-output-post-dnat', ['type filter hook output priority -90; policy accept;', 'ct state new jump cluster-ips-check']);
  chain('nat-prerouting', ['type nat hook prerouting priority dstnat; policy accept;', 'jump services']);
  chain('nat-output', ['type nat hook output priority -100; policy accept;', 'jump services']);
  chain('nat-postrouting', ['type nat hook postrouting priority srcnat; policy accept;', 'jump masquerading']);
  chain('nodeport-endpoints-check', [
    nodePorts === 'nodeport-ips'
      ? 'ip daddr @nodeport-ips meta l4proto . th dport vmap @no-endpoint-nodeports'
      : 'fib daddr type local ip daddr != 127.0.0.0/8 meta l4proto . th dport vmap @no-endpoint-nodeports',
  ]);
  chain('service-endpoints-check', ['ip daddr . meta l4proto . th dport vmap @no-endpoint-services']);
  chain('firewall-check', ['ip daddr . meta l4proto . th dport vmap @firewall-ips']);
  chain('cluster-ips-check', [
    'ip daddr @cluster-ips reject comment "Reject traffic to invalid ports of ClusterIPs"',
    `ip daddr ${SERVICE_CIDR} drop comment "Drop traffic to unallocated ClusterIPs"`,
  ]);
  chain('reject-chain', ['comment "helper for @no-endpoint-services / @no-endpoint-nodeports"', 'reject']);
  chain('services', [
    'ip daddr . meta l4proto . th dport vmap @service-ips',
    nodePorts === 'nodeport-ips'
      ? 'ip daddr @nodeport-ips meta l4proto . th dport vmap @service-nodeports'
      : 'fib daddr type local ip daddr != 127.0.0.0/8 meta l4proto . th dport vmap @service-nodeports',
  ]);
  chain('masquerading', ['meta mark & 0x00004000 == 0x00000000 return', 'meta mark set meta mark ^ 0x00004000', 'masquerade fully-random']);
  chain('mark-for-masquerade', ['meta mark set meta mark | 0x00004000']);

  for (const s of withEps) {
    const c = nftChainsOf(s);
    const p = s.protocol;
    const pick = (eps: KpService['endpoints']) =>
      `numgen random mod ${eps.length} vmap { ${eps.map((ep, i) => `${i} : goto ${c.ep(ep.ip, ep.port)}`).join(', ')} }`;
    const svc = [`ip daddr ${s.clusterIP} ${p} dport ${s.port} ip saddr != ${CLUSTER_CIDR} jump mark-for-masquerade`];
    if (s.affinitySeconds) for (const ep of s.endpoints) svc.push(`ip saddr @${c.affinity(ep.ip, ep.port)} goto ${c.ep(ep.ip, ep.port)}`);
    svc.push(pick(s.endpoints));
    chain(c.svc, svc);
    if (s.nodePort) {
      if (s.externalTrafficPolicy === 'Local') {
        const local = s.endpoints.filter((e) => e.local !== false);
        chain(c.ext, [
          `ip saddr ${CLUSTER_CIDR} goto ${c.svc} comment "short-circuit pod traffic"`,
          'fib saddr type local jump mark-for-masquerade comment "masquerade local traffic"',
          `fib saddr type local goto ${c.svc} comment "short-circuit local traffic"`,
          `goto ${c.local}`,
        ]);
        chain(c.local, local.length ? [pick(local)] : ['drop comment "no local endpoints"']);
      } else {
        chain(c.ext, ['jump mark-for-masquerade', `goto ${c.svc}`]);
      }
    }
    for (const ep of s.endpoints) {
      const lines = [`ip saddr ${ep.ip} jump mark-for-masquerade`];
      if (s.affinitySeconds) lines.push(`update @${c.affinity(ep.ip, ep.port)} { ip saddr }`);
      lines.push(`meta l4proto ${p} dnat to ${ep.ip}:${ep.port}`);
      chain(c.ep(ep.ip, ep.port), lines);
    }
  }
  out.push('}');
  return `${out.join('\n')}\n`;
}

/** flanneld's nftables mode (pkg/trafficmngr/nftables) on node-1, IPv4 only. */
export function flannelNft(): string {
  return `table ip flannel-ipv4 {
	comment "rules for flannel-ipv4"
	chain forward {
		comment "chain to accept flannel traffic"
		type filter hook forward priority filter; policy accept;
		ip saddr ${CLUSTER_CIDR} accept
		ip daddr ${CLUSTER_CIDR} accept
	}
	chain postrtg {
		comment "chain to manage traffic masquerading by flannel"
		type nat hook postrouting priority srcnat; policy accept;
		meta mark 0x00004000 return
		ip saddr ${NODE_POD_CIDR} ip daddr ${CLUSTER_CIDR} return
		ip saddr ${CLUSTER_CIDR} ip daddr ${NODE_POD_CIDR} return
		ip saddr != ${NODE_POD_CIDR} ip daddr ${CLUSTER_CIDR} return
		ip saddr ${CLUSTER_CIDR} ip daddr != 224.0.0.0/4 masquerade fully-random
		ip saddr != ${CLUSTER_CIDR} ip daddr ${CLUSTER_CIDR} masquerade fully-random
	}
}
`;
}
