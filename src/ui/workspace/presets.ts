/**
 * Ready-made packets from what the dumps contain (the engine's catalog): pod → Service,
 * outside → NodePort, pod → internet, and the reply of the current trace. Pure functions; a
 * preset the dumps cannot support returns null, and its button is disabled.
 */
import type { Catalog, CatalogNamespace, Trace } from '../../engine';
import type { PacketForm } from '../store/types';

export type PresetKind = 'podToService' | 'outsideToNodePort' | 'podToInternet' | 'reply';

export const OUTSIDE_CLIENT = '203.0.113.10';
export const INTERNET_DST = '8.8.8.8:443';

function firstPod(catalog: Catalog, prefer?: string): CatalogNamespace | undefined {
  const pods = catalog.namespaces.filter((n) => n.kind === 'pod' && n.addresses.length > 0);
  return pods.find((p) => p.id === prefer) ?? pods[0];
}

function proto(protocol: string): 'tcp' | 'udp' {
  return protocol.toLowerCase() === 'udp' ? 'udp' : 'tcp';
}

export function presetPacket(kind: PresetKind, catalog: Catalog | null, trace: Trace | null, current?: PacketForm): PacketForm | null {
  if (kind === 'reply') return replyOf(trace);
  if (!catalog) return null;
  if (kind === 'podToService') {
    const pod = firstPod(catalog, current?.from);
    // The API server's Service is rarely the one people ask about: prefer any other.
    const services = catalog.services.filter((s) => s.clusterIP && s.ports.length > 0);
    const svc = services.find((s) => s.name !== 'kubernetes') ?? services[0];
    const port = svc?.ports.find((p) => p.protocol.toUpperCase() === 'TCP') ?? svc?.ports[0];
    if (!pod || !svc || !port) return null;
    return { from: pod.id, in: null, spec: `${proto(port.protocol)} ${pod.addresses[0]}:40000 > ${svc.clusterIP}:${port.port}` };
  }
  if (kind === 'outsideToNodePort') {
    const host = catalog.namespaces.find((n) => n.kind === 'host' && n.uplinks.length > 0);
    const svc = catalog.services.find((s) => s.ports.some((p) => p.nodePort));
    const port = svc?.ports.find((p) => p.nodePort);
    if (!host || !port?.nodePort) return null;
    const nodeIp = catalog.nodes.find((n) => n.name === host.node)?.addresses[0] ?? host.addresses[0];
    if (!nodeIp) return null;
    return { from: host.id, in: host.uplinks[0]!, spec: `${proto(port.protocol)} ${OUTSIDE_CLIENT}:40000 > ${nodeIp}:${port.nodePort}` };
  }
  const pod = firstPod(catalog, current?.from);
  if (!pod) return null;
  return { from: pod.id, in: null, spec: `tcp ${pod.addresses[0]}:40000 > ${INTERNET_DST}` };
}

const PROTO_NAMES: Record<number, string> = { 6: 'tcp', 17: 'udp', 1: 'icmp' };

/** The server answers: from where the request was delivered, back to the address it came from. */
function replyOf(trace: Trace | null): PacketForm | null {
  const request = trace?.legs[0];
  const last = request?.hops.at(-1);
  if (!request || !last || request.verdict !== 'delivered') return null;
  const p = last.after.inner ?? last.after;
  const name = PROTO_NAMES[p.ip.proto];
  if (!name) return null;
  const ports = p.l4 && name !== 'icmp';
  const src = ports ? `${p.ip.dst}:${p.l4!.dport}` : p.ip.dst;
  const dst = ports ? `${p.ip.src}:${p.l4!.sport}` : p.ip.src;
  return { from: last.place.netns, in: null, spec: `${name} ${src} > ${dst}` };
}
