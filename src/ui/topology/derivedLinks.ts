/**
 * Links between nodes that no dump states but the picture needs: the underlay between node
 * uplinks on one IPv4 subnet, and the tunnel between tunnel devices (VXLAN, Geneve, IPIP) of
 * different nodes. Used only when the topology brings none of its own.
 */
import type { TopoIface, TopoLink, Topology } from '../../engine';

function network(cidr: string): { net: number; len: number } | null {
  const [addr, lenText] = cidr.split('/');
  const parts = (addr ?? '').split('.').map(Number);
  const len = Number(lenText ?? 32);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255) || !Number.isInteger(len) || len < 1 || len > 32) return null;
  const ip = ((parts[0]! << 24) | (parts[1]! << 16) | (parts[2]! << 8) | parts[3]!) >>> 0;
  const mask = len === 32 ? 0xffffffff : (~(0xffffffff >>> len) >>> 0) >>> 0;
  return { net: (ip & mask) >>> 0, len };
}

const TUNNELS = new Set<TopoIface['kind']>(['vxlan', 'geneve', 'ipip']);

export function derivedLinks(topo: Topology, vethPeer: Map<string, string>): TopoLink[] {
  if (topo.links.some((l) => l.kind === 'underlay' || l.kind === 'tunnel') || topo.nodes.length < 2) return [];
  const hostOf = new Map(topo.netns.filter((n) => n.kind === 'host').map((n) => [n.id as string, n.node]));
  const hostIfaces = topo.ifaces.filter((i) => hostOf.has(i.netns));
  // An uplink: a NIC, or a veth whose peer no dump shows (a kind node's eth0), with an IPv4 address.
  const uplinks = hostIfaces.filter((i) => (i.kind === 'ethernet' || (i.kind === 'veth' && !i.master && !vethPeer.has(i.id))) && i.addresses.length > 0);
  const links: TopoLink[] = [];
  const seen = new Set<string>();
  for (const a of uplinks) {
    for (const b of uplinks) {
      if (hostOf.get(a.netns) === hostOf.get(b.netns) || a.id >= b.id) continue;
      const shared = a.addresses.some((x) => {
        const na = network(x);
        return na && b.addresses.some((y) => {
          const nb = network(y);
          return nb && nb.len === na.len && nb.net === na.net;
        });
      });
      const key = `${hostOf.get(a.netns)}|${hostOf.get(b.netns)}`;
      if (shared && !seen.has(key)) {
        seen.add(key);
        links.push({ id: `underlay:${a.id}|${b.id}`, kind: 'underlay', a: a.id, b: b.id });
      }
    }
  }
  // Tunnels: one dashed line between neighbouring nodes' devices of the same kind.
  const tunnels = hostIfaces.filter((i) => TUNNELS.has(i.kind));
  const byNode = topo.nodes.map((n) => tunnels.filter((t) => hostOf.get(t.netns) === n.name));
  for (let i = 0; i + 1 < byNode.length; i++) {
    for (const a of byNode[i]!) {
      const b = byNode[i + 1]!.find((t) => t.kind === a.kind);
      if (b) links.push({ id: `tunnel:${a.id}|${b.id}`, kind: 'tunnel', a: a.id, b: b.id });
    }
  }
  return links;
}
