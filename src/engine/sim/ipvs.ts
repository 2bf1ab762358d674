/**
 * IPVS, as kube-proxy's IPVS mode uses it. ClusterIPs sit on the kube-ipvs0 dummy device, so a
 * packet to a Service is local. IPVS schedules a new connection where its request hook
 * (ip_vs_in_hook) is registered, net/netfilter/ipvs/ip_vs_core.c `ip_vs_ops4`:
 * - LOCAL_IN at NF_IP_PRI_NAT_SRC - 1 (99): after the filter table, before source NAT, for a
 *   packet that came in (from a pod or from outside);
 * - LOCAL_OUT at NF_IP_PRI_NAT_DST + 2 (-98): after the nat OUTPUT chain, before filter, for a
 *   packet a process on the node sends.
 * Its scheduler picks a real server; with the Masq method the destination is rewritten and, for a
 * server that is not local, the packet is stolen and sent on through LOCAL_OUT from its start
 * (ip_vs_nat_send_or_cont), marked as IPVS's own (skb->ipvs_property) so IPVS lets it pass.
 * The kernel here has no ip_vs module: this follows the documented behaviour (ipvsadm(8), the
 * IPVS code's hooks) and the observations of seed 002, and says so in the trace.
 */
import { msg } from '../explain/message';
import type { IpvsRealServer, IpvsService } from '../formats/ipvsadm/types';
import type { Netns } from '../model/types';
import { clonePacket, type Packet } from '../trace/packet';
import type { BranchNode, DetailNode } from '../trace/types';
import { tupleOf } from './conntrack';
import { findVirtualService } from './ipvs-index';
import { addrType } from './routing';
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
  /**
   * Where the packet goes next: stolen and re-sent from LOCAL_OUT (a server elsewhere), on
   * through the rest of the hook (a local server: NF_ACCEPT), or dropped (no server).
   */
  next: 'local-out' | 'continue' | 'drop';
}

/** The netfilter hooks IPVS schedules at, by the kernel's names for them. */
export type IpvsHook = 'LOCAL_IN' | 'LOCAL_OUT';

/**
 * IPVS's request hook at LOCAL_IN or LOCAL_OUT; null when it lets the packet pass: no virtual
 * service matches, or IPVS already handled the packet (re-sent from LOCAL_OUT).
 */
export function ipvsRequest(state: SimState, ns: Netns, hook: IpvsHook, packet: Packet, iface: string | null): IpvsResult | null {
  if (packet.meta.ipvs) return null;
  const svc = findVirtualService(ns.ipvs, packet);
  if (!svc) return null;
  const place = placeOf(ns, { hook: hook === 'LOCAL_IN' ? 'INPUT' : 'OUTPUT', ...(iface ? { iface } : {}) });
  const children: DetailNode[] = [assume(state, msg('assume.ipvsDocumented'))];
  if (svc.persistence) children.push(assume(state, msg('assume.ipvsPersistence', { seconds: svc.persistence.timeoutSeconds })));
  if (!WEIGHT_ONLY.has(svc.scheduler)) children.push(assume(state, msg('assume.ipvsScheduler', { scheduler: svc.scheduler })));
  const { branch, chosen } = schedule(state, ns, svc);
  children.unshift(branch);
  if (!chosen) {
    emit(state, { hop: 'ipvs', place, before: packet, after: packet, message: msg('hop.ipvs.noServer', { hook, service: label(svc) }), children });
    return { packet, next: 'drop' };
  }
  const pkt = clonePacket(packet);
  pkt.meta.ipvs = true;
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
    message: msg('hop.ipvs', { hook, service: label(svc), scheduler: svc.scheduler, server: `${chosen.ip}:${chosen.port}`, method }),
    children,
    decidedBy: { id: `ipvs:${label(svc)}`, table: 'ipvs', chain: label(svc), position: svc.realServers.indexOf(chosen) + 1, text: label(svc), target: method, span: chosen.span },
  });
  // A server at one of the node's own addresses is reached by going on through the hook
  // (ip_vs_nat_send_or_cont, ip_vs_null_xmit); any other is sent on from LOCAL_OUT.
  const local = method === 'local' || addrType(ns, chosen.ip) === 'LOCAL';
  return { packet: pkt, next: local ? 'continue' : 'local-out' };
}
