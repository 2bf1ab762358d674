/**
 * IPVS, as kube-proxy's IPVS mode uses it. ClusterIPs sit on the kube-ipvs0 dummy device, so a
 * packet to a Service is local; at LOCAL_IN (after the filter table, before source NAT) IPVS
 * matches a virtual service, its scheduler picks a real server, and with the Masq method the
 * destination is rewritten and the packet is sent on from LOCAL_OUT. The kernel here has no
 * ip_vs module: this follows the documented behaviour (ipvsadm(8), the IPVS code's hooks) and
 * the observations of seed 002, and says so in the trace.
 */
import { msg } from '../explain/message';
import type { IpvsRealServer, IpvsService } from '../formats/ipvsadm/types';
import type { Netns } from '../model/types';
import { clonePacket, type Packet } from '../trace/packet';
import type { BranchNode, DetailNode } from '../trace/types';
import { tupleOf } from './conntrack';
import { findVirtualService } from './ipvs-index';
import { assume, emit, placeOf, type SimState } from './state';

/** Schedulers that spread new connections by weight alone; the others also weigh current load. */
const WEIGHT_ONLY = new Set(['rr', 'wrr']);

function label(svc: IpvsService): string {
  return svc.fwmark !== undefined ? `FWM ${svc.fwmark}` : `${(svc.protocol ?? '?').toUpperCase()} ${svc.vip}:${svc.port}`;
}

/** The real servers a new connection can go to, as branch options: weight 0 takes none. */
function schedule(state: SimState, ns: Netns, svc: IpvsService): { branch: BranchNode; chosen: IpvsRealServer | null } {
  const live = svc.realServers.filter((r) => (r.weight ?? 1) > 0);
  const equal = svc.scheduler === 'rr';
  const total = live.reduce((sum, r) => sum + (equal ? 1 : r.weight ?? 1), 0);
  const options = live.map((r) => ({ value: `${r.ip}:${r.port}`, label: `${r.ip}:${r.port} (${r.method ?? '?'}, weight ${r.weight ?? '?'})`, probability: (equal ? 1 : r.weight ?? 1) / total }));
  const key = `${ns.id}:ipvs/${label(svc)}`;
  const wanted = state.choices[key];
  const valid = options.find((o) => o.value === wanted);
  const branch: BranchNode = { kind: 'branch', key, options, chosen: valid?.value ?? options[0]?.value ?? 'none', defaulted: !valid };
  state.branches.push(branch);
  return { branch, chosen: live.find((r) => `${r.ip}:${r.port}` === branch.chosen) ?? null };
}

export interface IpvsResult {
  packet: Packet;
  /** Where the packet goes next: re-sent from LOCAL_OUT, delivered locally, or dropped (no server). */
  next: 'local-out' | 'deliver' | 'drop';
}

/** IPVS at LOCAL_IN; null when no virtual service matches (the packet goes on to the socket). */
export function ipvsLocalIn(state: SimState, ns: Netns, packet: Packet, iif: string | null): IpvsResult | null {
  const svc = findVirtualService(ns.ipvs, packet);
  if (!svc) return null;
  const place = placeOf(ns, { hook: 'INPUT', ...(iif ? { iface: iif } : {}) });
  const children: DetailNode[] = [assume(state, msg('assume.ipvsDocumented'))];
  if (svc.persistence) children.push(assume(state, msg('assume.ipvsPersistence', { seconds: svc.persistence.timeoutSeconds })));
  if (!WEIGHT_ONLY.has(svc.scheduler)) children.push(assume(state, msg('assume.ipvsScheduler', { scheduler: svc.scheduler })));
  const { branch, chosen } = schedule(state, ns, svc);
  children.unshift(branch);
  if (!chosen) {
    emit(state, { hop: 'ipvs', place, before: packet, after: packet, message: msg('hop.ipvs.noServer', { service: label(svc) }), children });
    return { packet, next: 'drop' };
  }
  const pkt = clonePacket(packet);
  const method = chosen.method ?? 'masq';
  if (method === 'masq' || method === 'fullnat') {
    pkt.ip.dst = chosen.ip;
    if (pkt.l4) pkt.l4.dport = chosen.port;
    // With net.ipv4.vs.conntrack=1 (kube-proxy's setting) IPVS records the rewrite in conntrack.
    const entry = state.inflight.get(ns.id);
    if (entry) {
      entry.nat.add('DNAT');
      const t = tupleOf(pkt);
      entry.reply = { proto: t.proto, src: t.dst, sport: t.dport, dst: t.src, dport: t.sport };
    }
    if (!pkt.meta.ctnat.includes('DNAT')) pkt.meta.ctnat.push('DNAT');
  } else if (method !== 'local') {
    children.push(assume(state, msg('assume.ipvsMethod', { method })));
  }
  emit(state, {
    hop: 'ipvs',
    place,
    before: packet,
    after: pkt,
    message: msg('hop.ipvs', { service: label(svc), scheduler: svc.scheduler, server: `${chosen.ip}:${chosen.port}`, method }),
    children,
    decidedBy: { id: `ipvs:${label(svc)}`, table: 'ipvs', chain: label(svc), position: svc.realServers.indexOf(chosen) + 1, text: label(svc), target: method, span: chosen.span },
  });
  return { packet: pkt, next: method === 'local' ? 'deliver' : 'local-out' };
}
