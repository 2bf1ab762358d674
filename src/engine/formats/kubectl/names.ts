/**
 * An index from IP address to what holds it in the cluster, so traces can say
 * "10.244.1.5 (pod default/web-abcde on node-1)" instead of a bare address.
 */
import type { KubeNode, KubePod, KubeService } from './types';

export interface IpName {
  kind: 'pod' | 'service' | 'node';
  /** Pods and services; absent when the paste had no NAMESPACE column. */
  namespace?: string;
  name: string;
  /** The node a pod runs on. */
  node?: string;
}

/** IP text (dotted IPv4 or lower-case IPv6) → its owner. */
export type IpNames = Map<string, IpName>;

export interface IpNameSources {
  pods?: readonly KubePod[];
  services?: readonly KubeService[];
  nodes?: readonly KubeNode[];
}

/**
 * Builds the index. Precedence: a node's INTERNAL-IP/EXTERNAL-IP, then service cluster and
 * external IPs, then pod IPs. hostNetwork pods show their node's IP, so a pod IP that is a
 * node's address never renames the node; when several pods on one node share an IP that no
 * node listing named, the IP is taken to be that node's and is named after it. Otherwise the
 * first pod listed keeps the IP.
 *
 * @example
 * const names = buildIpNames({ pods: pods.value.pods, services: svcs.value.services, nodes: nodes.value.nodes });
 * names.get('10.96.0.10'); // { kind: 'service', namespace: 'kube-system', name: 'kube-dns' }
 */
export function buildIpNames(sources: IpNameSources): IpNames {
  const names: IpNames = new Map();
  for (const node of sources.nodes ?? []) {
    for (const ip of [node.internalIP, node.externalIP]) {
      if (ip !== undefined && !names.has(ip)) names.set(ip, { kind: 'node', name: node.name });
    }
  }
  for (const svc of sources.services ?? []) {
    for (const ip of [svc.clusterIP, ...svc.externalIPs]) {
      if (ip === undefined || names.has(ip)) continue;
      const entry: IpName = { kind: 'service', name: svc.name };
      if (svc.namespace !== undefined) entry.namespace = svc.namespace;
      names.set(ip, entry);
    }
  }
  for (const pod of sources.pods ?? []) {
    if (pod.ip === undefined) continue;
    const held = names.get(pod.ip);
    if (held === undefined) {
      const entry: IpName = { kind: 'pod', name: pod.name };
      if (pod.namespace !== undefined) entry.namespace = pod.namespace;
      if (pod.node !== undefined) entry.node = pod.node;
      names.set(pod.ip, entry);
    } else if (held.kind === 'pod' && held.node !== undefined && held.node === pod.node) {
      // Two pods on one node with one IP: hostNetwork pods, so this is the node's address.
      names.set(pod.ip, { kind: 'node', name: pod.node });
    }
  }
  return names;
}
