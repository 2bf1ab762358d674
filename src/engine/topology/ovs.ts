/**
 * Open vSwitch in the topology: each bridge of `ovs-vsctl show` is drawn as a bridge, its ports
 * attach to it (a veth's `master ovs-system` names only the datapath, not the bridge), and ports no
 * `ip addr` shows (geneve/vxlan tunnel ports, patch ports) become interfaces of their own.
 */
import type { Netns } from '../model/types';
import { ifaceId, type TopoIface, type TopoLink } from './types';

const TUNNEL_KINDS: Record<string, TopoIface['kind']> = { vxlan: 'vxlan', geneve: 'geneve', gre: 'unknown', stt: 'unknown' };

/** The OVS bridge interfaces, port interfaces and bridge-port links of one namespace. */
export function ovsTopology(ns: Netns, existing: Set<string>): { ifaces: TopoIface[]; links: TopoLink[]; ports: Set<string> } {
  const ifaces: TopoIface[] = [];
  const links: TopoLink[] = [];
  const ports = new Set<string>();
  for (const bridge of ns.ovs?.config?.bridges ?? []) {
    const bridgeId = ifaceId(ns.id, `ovs:${bridge.name}`);
    const own = ns.links.find((l) => l.name === bridge.name);
    ifaces.push({ id: bridgeId, netns: ns.id, name: bridge.name, kind: 'bridge', addresses: [], mtu: own?.mtu ?? 1500, ovs: { role: 'bridge' } });
    for (const port of bridge.ports) {
      // The bridge's own internal port of the same name is the bridge itself.
      if (port.name === bridge.name) continue;
      for (const iface of port.interfaces) {
        const id = ifaceId(ns.id, iface.name);
        ports.add(iface.name);
        if (!existing.has(id)) {
          const drawn: TopoIface = { id, netns: ns.id, name: iface.name, kind: TUNNEL_KINDS[iface.type] ?? 'unknown', addresses: [], mtu: 0, ovs: { role: 'port', type: iface.type || 'system' } };
          if (iface.options.remote_ip) drawn.ovs!.remoteIp = iface.options.remote_ip;
          if (iface.options.peer) drawn.ovs!.peer = iface.options.peer;
          ifaces.push(drawn);
        }
        links.push({ id: `port:${ns.id}:${iface.name}`, kind: 'bridge-port', a: id, b: bridgeId });
      }
    }
  }
  // Patch ports join two bridges of the same switch.
  const seen = new Set<string>();
  for (const bridge of ns.ovs?.config?.bridges ?? []) {
    for (const iface of bridge.ports.flatMap((p) => p.interfaces)) {
      const peer = iface.type === 'patch' ? iface.options.peer : undefined;
      if (!peer || seen.has(peer)) continue;
      seen.add(iface.name);
      links.push({ id: `patch:${ns.id}:${iface.name}`, kind: 'patch', a: ifaceId(ns.id, iface.name), b: ifaceId(ns.id, peer) });
    }
  }
  return { ifaces, links, ports };
}
