/**
 * Finding a packet's IPVS virtual service among tens of thousands (one per Service port and
 * NodePort in kube-proxy's IPVS mode) by its protocol, address and port, instead of trying
 * each in turn. Services of the same key keep their listing order; fwmark services, which
 * match a mark, are tried in order too, and the first match in listing order wins, as a scan
 * would find it.
 */
import type { IpvsService, IpvsTable } from '../formats/ipvsadm/types';
import type { Packet } from '../trace/packet';

const PROTOCOLS: Record<string, number> = { tcp: 6, udp: 17, sctp: 132 };

/** Whether a virtual service takes this packet (the scan's test). */
export function serviceMatches(svc: IpvsService, p: Packet): boolean {
  if (svc.fwmark !== undefined) return svc.fwmark === p.meta.mark;
  return svc.vip === p.ip.dst && svc.port === (p.l4?.dport ?? -1) && PROTOCOLS[svc.protocol ?? ''] === p.ip.proto;
}

interface ServiceIndex {
  /** `proto|vip|port` → the position of the first service with that key. */
  first: Map<string, number>;
  /** Positions of services not keyed by address (fwmark). */
  others: number[];
}

const key = (proto: number | undefined, vip: string | null | undefined, port: number | null | undefined) => `${proto}|${vip}|${port}`;

const cache = new WeakMap<IpvsService[], ServiceIndex>();

function indexOf(services: IpvsService[]): ServiceIndex {
  let index = cache.get(services);
  if (index) return index;
  index = { first: new Map(), others: [] };
  services.forEach((svc, i) => {
    if (svc.fwmark !== undefined) index!.others.push(i);
    else {
      const k = key(PROTOCOLS[svc.protocol ?? ''], svc.vip, svc.port);
      if (!index!.first.has(k)) index!.first.set(k, i);
    }
  });
  cache.set(services, index);
  return index;
}

/** The first virtual service, in listing order, that takes the packet. */
export function findVirtualService(table: IpvsTable | null, p: Packet): IpvsService | undefined {
  if (!table) return undefined;
  const services = table.services;
  if (services.length < 32) return services.find((s) => serviceMatches(s, p));
  const index = indexOf(services);
  let best = p.l4 ? index.first.get(key(p.ip.proto, p.ip.dst, p.l4.dport)) ?? Infinity : Infinity;
  for (const i of index.others) {
    if (i >= best) break;
    if (serviceMatches(services[i]!, p)) best = i;
  }
  return best === Infinity ? undefined : services[best];
}
