/**
 * kube-proxy 1.29 (iptables mode) restore input for a flannel node, generated from a list of
 * Services, written the way scripts/lab/pod-to-clusterip.rules is (which reproduces a real
 * node): kubelet's and flanneld's rules, kube-proxy's jump rules, then kube-proxy's payload
 * in proxier.go's order and argument order, with the real chain-name hashes
 * (base32(sha256("ns/svc:port" + proto [+ "ip:port"]))[:16]) and probabilities ("%0.10f").
 */
import { createHash } from 'node:crypto';
import { CLUSTER_CIDR, NODE_POD_CIDR } from './topology';

export interface KpEndpoint {
  ip: string;
  port: number;
  /** On this node (default true); only local endpoints are used by externalTrafficPolicy Local. */
  local?: boolean;
}

export interface KpService {
  namespace: string;
  name: string;
  portName: string;
  protocol: 'tcp' | 'udp';
  clusterIP: string;
  port: number;
  nodePort?: number;
  externalTrafficPolicy?: 'Cluster' | 'Local';
  /** sessionAffinity: ClientIP with this timeout (kube-proxy's `-m recent` rules). */
  affinitySeconds?: number;
  endpoints: KpEndpoint[];
}

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

function hash16(s: string): string {
  return base32(createHash('sha256').update(s).digest()).slice(0, 16);
}

export function svcPortName(s: KpService): string {
  return `${s.namespace}/${s.name}:${s.portName}`;
}

export function chainsOf(s: KpService) {
  const h = hash16(svcPortName(s) + s.protocol);
  return {
    svc: `KUBE-SVC-${h}`,
    ext: `KUBE-EXT-${h}`,
    svl: `KUBE-SVL-${h}`,
    sep: (ep: KpEndpoint) => `KUBE-SEP-${hash16(svcPortName(s) + s.protocol + `${ep.ip}:${ep.port}`)}`,
  };
}

function quoteComment(text: string): string {
  // kube-proxy quotes comments that contain spaces.
  return /\s/.test(text) ? `"${text}"` : text;
}

const HEADER = `*mangle
:PREROUTING ACCEPT [0:0]
:INPUT ACCEPT [0:0]
:FORWARD ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:POSTROUTING ACCEPT [0:0]
:KUBE-IPTABLES-HINT - [0:0]
:KUBE-KUBELET-CANARY - [0:0]
:KUBE-PROXY-CANARY - [0:0]
COMMIT
`;

/** The restore input for `services` (kube-proxy 1.29, flannel, cluster CIDR 10.244.0.0/16). */
export function kubeProxyRules(services: KpService[]): string {
  const filterRules: string[] = [];
  const natChains: string[] = [];
  const natRules: string[] = [];
  for (const s of services) {
    const name = svcPortName(s);
    const c = chainsOf(s);
    const p = s.protocol;
    const local = s.externalTrafficPolicy === 'Local';
    const localEps = s.endpoints.filter((e) => e.local !== false);
    if (s.endpoints.length === 0) {
      filterRules.push(`-A KUBE-SERVICES -m comment --comment "${name} has no endpoints" -m ${p} -p ${p} -d ${s.clusterIP} --dport ${s.port} -j REJECT --reject-with icmp-port-unreachable`);
      if (s.nodePort) {
        filterRules.push(`-A KUBE-EXTERNAL-SERVICES -m comment --comment "${name} has no endpoints" -m addrtype --dst-type LOCAL -m ${p} -p ${p} --dport ${s.nodePort} -j REJECT --reject-with icmp-port-unreachable`);
      }
      continue;
    }
    natChains.push(c.svc);
    if (s.nodePort) natChains.push(c.ext);
    if (s.nodePort && local) natChains.push(c.svl);
    for (const ep of s.endpoints) natChains.push(c.sep(ep));

    natRules.push(`-A KUBE-SERVICES -m comment --comment "${name} cluster IP" -m ${p} -p ${p} -d ${s.clusterIP} --dport ${s.port} -j ${c.svc}`);
    if (s.nodePort) natRules.push(`-A KUBE-NODEPORTS -m comment --comment ${quoteComment(name)} -m ${p} -p ${p} --dport ${s.nodePort} -j ${c.ext}`);
    natRules.push(`-A ${c.svc} -m comment --comment "${name} cluster IP" -m ${p} -p ${p} -d ${s.clusterIP} --dport ${s.port} ! -s ${CLUSTER_CIDR} -j KUBE-MARK-MASQ`);
    if (s.nodePort) {
      if (!local) {
        natRules.push(`-A ${c.ext} -m comment --comment "masquerade traffic for ${name} external destinations" -j KUBE-MARK-MASQ`);
        natRules.push(`-A ${c.ext} -j ${c.svc}`);
      } else {
        natRules.push(`-A ${c.ext} -m comment --comment "pod traffic for ${name} external destinations" -s ${CLUSTER_CIDR} -j ${c.svc}`);
        natRules.push(`-A ${c.ext} -m comment --comment "masquerade LOCAL traffic for ${name} external destinations" -m addrtype --src-type LOCAL -j KUBE-MARK-MASQ`);
        natRules.push(`-A ${c.ext} -m comment --comment "route LOCAL traffic for ${name} external destinations" -m addrtype --src-type LOCAL -j ${c.svc}`);
        natRules.push(`-A ${c.ext} -j ${c.svl}`);
      }
    }
    const toEndpoints = (chain: string, eps: KpEndpoint[]) => {
      if (s.affinitySeconds) {
        for (const ep of eps) {
          natRules.push(`-A ${chain} -m comment --comment "${name} -> ${ep.ip}:${ep.port}" -m recent --name ${c.sep(ep)} --rcheck --seconds ${s.affinitySeconds} --reap -j ${c.sep(ep)}`);
        }
      }
      eps.forEach((ep, i) => {
        const stat = i < eps.length - 1 ? ` -m statistic --mode random --probability ${(1 / (eps.length - i)).toFixed(10)}` : '';
        natRules.push(`-A ${chain} -m comment --comment "${name} -> ${ep.ip}:${ep.port}"${stat} -j ${c.sep(ep)}`);
      });
    };
    toEndpoints(c.svc, s.endpoints);
    if (s.nodePort && local) toEndpoints(c.svl, localEps);
    for (const ep of s.endpoints) {
      const sep = c.sep(ep);
      natRules.push(`-A ${sep} -m comment --comment ${quoteComment(name)} -s ${ep.ip} -j KUBE-MARK-MASQ`);
      const recent = s.affinitySeconds ? ` -m recent --name ${sep} --set` : '';
      natRules.push(`-A ${sep} -m comment --comment ${quoteComment(name)}${recent} -m ${p} -p ${p} -j DNAT --to-destination ${ep.ip}:${ep.port}`);
    }
  }
  natRules.push('-A KUBE-SERVICES -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS');

  return `# kube-proxy 1.29 (iptables mode) on a flannel node, generated by tests/kernel/harness/kube-proxy.ts
${HEADER}*filter
:INPUT ACCEPT [0:0]
:FORWARD ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:KUBE-KUBELET-CANARY - [0:0]
:KUBE-FIREWALL - [0:0]
:KUBE-PROXY-CANARY - [0:0]
:FLANNEL-FWD - [0:0]
:KUBE-SERVICES - [0:0]
:KUBE-EXTERNAL-SERVICES - [0:0]
:KUBE-FORWARD - [0:0]
:KUBE-NODEPORTS - [0:0]
:KUBE-PROXY-FIREWALL - [0:0]
-A INPUT -m conntrack --ctstate NEW -m comment --comment "kubernetes load balancer firewall" -j KUBE-PROXY-FIREWALL
-A INPUT -m comment --comment "kubernetes health check service ports" -j KUBE-NODEPORTS
-A INPUT -m conntrack --ctstate NEW -m comment --comment "kubernetes externally-visible service portals" -j KUBE-EXTERNAL-SERVICES
-A INPUT -j KUBE-FIREWALL
-A FORWARD -m conntrack --ctstate NEW -m comment --comment "kubernetes load balancer firewall" -j KUBE-PROXY-FIREWALL
-A FORWARD -m comment --comment "kubernetes forwarding rules" -j KUBE-FORWARD
-A FORWARD -m conntrack --ctstate NEW -m comment --comment "kubernetes service portals" -j KUBE-SERVICES
-A FORWARD -m conntrack --ctstate NEW -m comment --comment "kubernetes externally-visible service portals" -j KUBE-EXTERNAL-SERVICES
-A FORWARD -m comment --comment "flanneld forward" -j FLANNEL-FWD
-A OUTPUT -m conntrack --ctstate NEW -m comment --comment "kubernetes load balancer firewall" -j KUBE-PROXY-FIREWALL
-A OUTPUT -m conntrack --ctstate NEW -m comment --comment "kubernetes service portals" -j KUBE-SERVICES
-A OUTPUT -j KUBE-FIREWALL
-A FLANNEL-FWD -s ${CLUSTER_CIDR} -m comment --comment "flanneld forward" -j ACCEPT
-A FLANNEL-FWD -d ${CLUSTER_CIDR} -m comment --comment "flanneld forward" -j ACCEPT
-A KUBE-FIREWALL -m comment --comment "block incoming localnet connections" -d 127.0.0.0/8 ! -s 127.0.0.0/8 -m conntrack ! --ctstate RELATED,ESTABLISHED,DNAT -j DROP
${filterRules.map((r) => `${r}\n`).join('')}-A KUBE-FORWARD -m conntrack --ctstate INVALID -j DROP
-A KUBE-FORWARD -m comment --comment "kubernetes forwarding rules" -m mark --mark 0x4000/0x4000 -j ACCEPT
-A KUBE-FORWARD -m comment --comment "kubernetes forwarding conntrack rule" -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
COMMIT
*nat
:PREROUTING ACCEPT [0:0]
:INPUT ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:POSTROUTING ACCEPT [0:0]
:KUBE-KUBELET-CANARY - [0:0]
:KUBE-PROXY-CANARY - [0:0]
:FLANNEL-POSTRTG - [0:0]
:KUBE-SERVICES - [0:0]
:KUBE-NODEPORTS - [0:0]
:KUBE-POSTROUTING - [0:0]
:KUBE-MARK-MASQ - [0:0]
${natChains.map((ch) => `:${ch} - [0:0]\n`).join('')}-A PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES
-A OUTPUT -m comment --comment "kubernetes service portals" -j KUBE-SERVICES
-A POSTROUTING -m comment --comment "kubernetes postrouting rules" -j KUBE-POSTROUTING
-A POSTROUTING -m comment --comment "flanneld masq" -j FLANNEL-POSTRTG
-A FLANNEL-POSTRTG -m mark --mark 0x4000/0x4000 -m comment --comment "flanneld masq" -j RETURN
-A FLANNEL-POSTRTG -s ${NODE_POD_CIDR} -d ${CLUSTER_CIDR} -m comment --comment "flanneld masq" -j RETURN
-A FLANNEL-POSTRTG -s ${CLUSTER_CIDR} -d ${NODE_POD_CIDR} -m comment --comment "flanneld masq" -j RETURN
-A FLANNEL-POSTRTG ! -s ${CLUSTER_CIDR} -d ${NODE_POD_CIDR} -m comment --comment "flanneld masq" -j RETURN
-A FLANNEL-POSTRTG -s ${CLUSTER_CIDR} ! -d 224.0.0.0/4 -m comment --comment "flanneld masq" -j MASQUERADE --random-fully
-A FLANNEL-POSTRTG ! -s ${CLUSTER_CIDR} -d ${CLUSTER_CIDR} -m comment --comment "flanneld masq" -j MASQUERADE --random-fully
-A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN
-A KUBE-POSTROUTING -j MARK --xor-mark 0x4000
-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE --random-fully
-A KUBE-MARK-MASQ -j MARK --or-mark 0x4000
${natRules.map((r) => `${r}\n`).join('')}COMMIT
`;
}

/** The Service of most cases: default/web:http, ClusterIP 10.96.0.100:80 → the web pods on 8080. */
export function webService(endpoints: string[], extra: Partial<KpService> = {}): KpService {
  return {
    namespace: 'default', name: 'web', portName: 'http', protocol: 'tcp', clusterIP: '10.96.0.100', port: 80,
    endpoints: endpoints.map((ip) => ({ ip, port: 8080 })),
    ...extra,
  };
}
