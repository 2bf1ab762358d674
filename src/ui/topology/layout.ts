/**
 * A deterministic layout of the topology (no force simulation, so nothing jitters between
 * renders): cluster nodes left to right; in each, pod namespaces in a row on top and the host
 * namespace below, its veth ends aligned under their pods, the bridge as a bar the veths
 * attach to, the other interfaces and the netfilter diagram in the bottom row.
 * A pure function of the topology: components call it in `useMemo`.
 */
import { linkVertical } from 'd3-shape';
import type { TopoIface, TopoNetns, Topology } from '../../engine';
import { bottom, centre, right, SIZE } from './geometry';
import type { Point, Rect } from './geometry';
import { layoutStrip, STRIP_H, STRIP_W } from './netfilterStrip';
import type { StripLayout } from './netfilterStrip';

export interface IfaceBox extends Rect {
  id: string;
  name: string;
  kind: TopoIface['kind'];
  address: string | null;
  /** A bridge with ports is drawn as a bar its ports attach to. */
  shape: 'chip' | 'bar';
  /** An Open vSwitch bridge or port (from ovs-vsctl show). */
  ovs?: boolean;
  /** What to show under the name when there is no address, instead of the kind (an OVS port's type). */
  detail?: string;
}

export interface NetnsBox {
  id: string;
  kind: TopoNetns['kind'];
  label: string;
  caption: string;
  rect: Rect;
  ifaces: IfaceBox[];
  strip: StripLayout | null;
  /** The title goes top-right when veth lines come down through the top-left corner. */
  titleAnchor: 'start' | 'end';
  /**
   * Where the namespace's own IP stack is drawn (sockets, routing) when it has no netfilter
   * diagram: originate, route and deliver hops sit there.
   */
  stack: Point | null;
}

export interface NodeBox {
  name: string;
  rect: Rect;
  netns: NetnsBox[];
}

export interface LinkPath {
  id: string;
  kind: 'veth' | 'bridge-port' | 'underlay' | 'tunnel' | 'patch';
  d: string;
  /** For links between nodes: the interfaces' ids and the path's corners, end a to end b. */
  ends?: { a: string; b: string; via: Point[] };
}

export interface TopologyLayout {
  nodes: NodeBox[];
  links: LinkPath[];
  bounds: Rect;
  ifaces: Map<string, IfaceBox>;
  netns: Map<string, NetnsBox>;
}

/** How far a namespace title reaches from its corner. */
const TITLE_ROOM = 260;
/** The IP-stack marker's distance from the namespace's side. */
const STACK_INSET = 18;

const vertical = linkVertical<{ source: Point; target: Point }, Point>()
  .x((p) => p.x)
  .y((p) => p.y);

/** Loopback rarely matters to a packet between pods; it is drawn only when a hop visits it. */
function visibleIfaces(ns: TopoNetns, byId: Map<string, TopoIface>, keep: Set<string>): TopoIface[] {
  return ns.ifaces
    .map((id) => byId.get(id))
    .filter((i): i is TopoIface => i !== undefined && (i.kind !== 'loopback' || keep.has(i.id)));
}

function ipv4(iface: TopoIface): string | null {
  return iface.addresses.find((a) => !a.includes(':')) ?? iface.addresses[0] ?? null;
}

function chip(iface: TopoIface, x: number, y: number): IfaceBox {
  const box: IfaceBox = { id: iface.id, name: iface.name, kind: iface.kind, address: ipv4(iface), shape: 'chip', x, y, w: SIZE.chipW, h: SIZE.chipH };
  if (iface.ovs) box.ovs = true;
  if (iface.ovs?.type) box.detail = iface.ovs.type;
  return box;
}

function rowWidth(n: number): number {
  return n === 0 ? 0 : n * SIZE.chipW + (n - 1) * SIZE.chipGap;
}

function layoutPod(ns: TopoNetns, ifaces: TopoIface[], x: number, y: number): NetnsBox {
  const { pad, netnsTitle, chipH, podMinW } = SIZE;
  const w = Math.max(podMinW, rowWidth(ifaces.length) + 2 * pad, ns.hasNetfilter ? STRIP_W + 2 * pad : 0);
  let cx = x + (w - rowWidth(ifaces.length)) / 2;
  const chips = ifaces.map((i) => {
    const c = chip(i, cx, y + netnsTitle);
    cx += SIZE.chipW + SIZE.chipGap;
    return c;
  });
  const chipsBottom = y + netnsTitle + (ifaces.length ? chipH : 0);
  const strip = ns.hasNetfilter ? layoutStrip(x + pad, chipsBottom + 12) : null;
  const h = (strip ? bottom(strip.rect) : chipsBottom) + pad - y;
  return {
    id: ns.id,
    kind: ns.kind,
    label: ns.label,
    caption: ns.name && ns.name !== ns.label ? ns.name : '',
    rect: { x, y, w, h },
    ifaces: chips,
    strip,
    titleAnchor: 'start',
    stack: strip ? null : { x: x + w - STACK_INSET, y: y + 15 },
  };
}

interface HostContext {
  /** Desired centre x of host interfaces whose veth peer is a pod above. */
  peerX: Map<string, number>;
  /** bridge id → its port ids. */
  ports: Map<string, string[]>;
}

function layoutHost(ns: TopoNetns, ifaces: TopoIface[], x: number, y: number, minW: number, ctx: HostContext): NetnsBox {
  const { pad, netnsTitle, chipW, chipH, chipGap, bridgeGap, barH, rowGap } = SIZE;
  const ids = new Set(ifaces.map((i) => i.id));
  const bridges = ifaces.filter((i) => i.kind === 'bridge' && (ctx.ports.get(i.id) ?? []).some((p) => ids.has(p)));
  const portIds = new Set(bridges.flatMap((b) => ctx.ports.get(b.id) ?? []));
  const barIds = new Set(bridges.map((b) => b.id));

  // Row 1: veth ends under their pods, bridge ports after them, in order of their peers.
  const row1 = ifaces
    .filter((i) => ctx.peerX.has(i.id) || portIds.has(i.id))
    .sort((a, b) => (ctx.peerX.get(a.id) ?? Infinity) - (ctx.peerX.get(b.id) ?? Infinity));
  let cursor = x + pad;
  const row1Boxes = row1.map((i) => {
    const want = ctx.peerX.get(i.id);
    const left = Math.max(cursor, want === undefined ? cursor : want - chipW / 2);
    cursor = left + chipW + chipGap;
    return chip(i, left, y + netnsTitle);
  });
  let yNext = y + netnsTitle + (row1.length ? chipH + bridgeGap : 0);

  // Bridges: a bar spanning the ports that attach to it.
  const bars = bridges.map((b) => {
    const ports = row1Boxes.filter((c) => (ctx.ports.get(b.id) ?? []).includes(c.id));
    const x1 = Math.min(...ports.map((p) => p.x)) - 12;
    const x2 = Math.max(...ports.map(right)) + 12;
    const box: IfaceBox = { ...chip(b, x1, yNext), shape: 'bar', w: Math.max(x2 - x1, 260), h: barH };
    // The bar's name and address are written under it, where the token never rides.
    yNext += barH + SIZE.barLabel;
    return box;
  });
  if (bars.length) yNext += rowGap - 8;

  // Bottom row: the netfilter diagram first, under the bridge the packet comes up from; then
  // the node's other interfaces (uplinks, tunnels) at the right edge.
  const strip = ns.hasNetfilter ? layoutStrip(x + pad, yNext - 4) : null;
  const rest = ifaces.filter((i) => !row1.includes(i) && !barIds.has(i.id));
  const restLeft = x + pad + (strip ? STRIP_W + 40 : 0);
  const contentRight = Math.max(restLeft + rowWidth(rest.length), ...row1Boxes.map(right), ...bars.map(right));
  const w = Math.max(minW, contentRight + pad - x);
  const restStart = x + w - pad - rowWidth(rest.length);
  const restBoxes = rest.map((i, n) => chip(i, restStart + n * (chipW + chipGap), yNext));
  const rowBottom = yNext + Math.max(rest.length ? chipH : 0, strip ? STRIP_H - 4 : 0);
  const h = rowBottom + pad - y;
  const titleAnchor = [...ctx.peerX.values()].some((px) => px < x + TITLE_ROOM) ? 'end' : 'start';
  return {
    id: ns.id,
    kind: ns.kind,
    label: ns.label,
    // Worded by the view (topology:hostNamespace).
    caption: '',
    rect: { x, y, w, h },
    ifaces: [...row1Boxes, ...bars, ...restBoxes],
    strip,
    titleAnchor,
    stack: strip ? null : { x: titleAnchor === 'end' ? x + STACK_INSET : x + w - STACK_INSET, y: y + 15 },
  };
}

export function layoutTopology(topo: Topology, keepIfaces: Set<string> = new Set()): TopologyLayout {
  const ifaceById = new Map(topo.ifaces.map((i) => [i.id, i]));
  const netnsById = new Map(topo.netns.map((n) => [n.id as string, n]));
  const ports = new Map<string, string[]>();
  const vethPeer = new Map<string, string>();
  for (const link of topo.links) {
    if (link.kind === 'bridge-port') {
      const [bridge, port] = ifaceById.get(link.a)?.kind === 'bridge' ? [link.a, link.b] : [link.b, link.a];
      ports.set(bridge, [...(ports.get(bridge) ?? []), port]);
    } else if (link.kind === 'veth') {
      vethPeer.set(link.a, link.b);
      vethPeer.set(link.b, link.a);
    }
  }

  const nodes: NodeBox[] = [];
  const allIfaces = new Map<string, IfaceBox>();
  const allNetns = new Map<string, NetnsBox>();
  let x0 = 0;
  for (const node of topo.nodes) {
    const members = node.netns.map((id) => netnsById.get(id)).filter((n): n is TopoNetns => n !== undefined);
    const y0 = 0;
    const boxes: NetnsBox[] = [];
    let cx = x0 + SIZE.pad;
    let podsBottom = y0 + SIZE.nodeTitle;
    for (const ns of members.filter((n) => n.kind === 'pod')) {
      const box = layoutPod(ns, visibleIfaces(ns, ifaceById, keepIfaces), cx, y0 + SIZE.nodeTitle);
      boxes.push(box);
      cx = right(box.rect) + SIZE.podGap;
      podsBottom = Math.max(podsBottom, bottom(box.rect));
    }
    const podsRight = boxes.length ? cx - SIZE.podGap : x0 + SIZE.pad;
    const peerX = new Map<string, number>();
    for (const c of boxes.flatMap((b) => b.ifaces)) {
      const peer = vethPeer.get(c.id);
      if (peer) peerX.set(peer, c.x + c.w / 2);
    }
    let hy = boxes.length ? podsBottom + SIZE.vethGap : y0 + SIZE.nodeTitle;
    const hosts = members.filter((n) => n.kind !== 'pod');
    const hostBoxes = hosts.map((ns) => {
      const box = layoutHost(ns, visibleIfaces(ns, ifaceById, keepIfaces), x0 + SIZE.pad, hy, podsRight - x0 - SIZE.pad, { peerX, ports });
      hy = bottom(box.rect) + SIZE.rowGap;
      return box;
    });
    // Hosts share the node's full inner width, so the node reads as one machine.
    const innerRight = Math.max(podsRight, ...hostBoxes.map((b) => right(b.rect)));
    for (const b of hostBoxes) b.rect.w = innerRight - b.rect.x;
    boxes.push(...hostBoxes);
    const nodeBottom = Math.max(podsBottom, ...hostBoxes.map((b) => bottom(b.rect))) + SIZE.pad;
    const rect = { x: x0, y: y0, w: innerRight + SIZE.pad - x0, h: nodeBottom - y0 };
    nodes.push({ name: node.name, rect, netns: boxes });
    for (const b of boxes) {
      allNetns.set(b.id, b);
      for (const i of b.ifaces) allIfaces.set(i.id, i);
    }
    x0 = right(rect) + SIZE.nodeGap;
  }

  const bounds = {
    x: 0,
    y: 0,
    w: Math.max(0, x0 - SIZE.nodeGap),
    h: Math.max(0, ...nodes.map((n) => bottom(n.rect))),
  };
  // Underlay and tunnel links come from the engine (src/engine/topology/links.ts).
  const links = layoutLinks(topo, allIfaces, bounds);
  return { nodes, links, bounds, ifaces: allIfaces, netns: allNetns };
}

function layoutLinks(topo: Topology, ifaces: Map<string, IfaceBox>, bounds: Rect): LinkPath[] {
  const links: LinkPath[] = [];
  let lane = 0;
  // Underlay lanes nearest the nodes, tunnels below them.
  const ordered = [...topo.links].sort((x, y) => Number(x.kind === 'tunnel') - Number(y.kind === 'tunnel'));
  for (const link of ordered) {
    const a = ifaces.get(link.a);
    const b = ifaces.get(link.b);
    if (!a || !b) continue;
    if (link.kind === 'bridge-port') {
      const [bar, port] = a.shape === 'bar' ? [a, b] : [b, a];
      const px = port.x + port.w / 2;
      links.push({ id: link.id, kind: link.kind, d: `M${px},${bottom(port)}V${bar.y}` });
    } else if (link.kind === 'veth' || link.kind === 'patch') {
      const [top, low] = a.y <= b.y ? [a, b] : [b, a];
      const source = { x: top.x + top.w / 2, y: bottom(top) };
      const target = { x: low.x + low.w / 2, y: low.y };
      links.push({ id: link.id, kind: link.kind, d: vertical({ source, target }) ?? '' });
    } else {
      // Between nodes: down from both ends into a lane under the drawing, so no box is crossed.
      const laneY = bounds.h + SIZE.laneGap * (1 + lane++);
      const ca = centre(a);
      const cb = centre(b);
      const via = [
        { x: ca.x, y: bottom(a) },
        { x: ca.x, y: laneY },
        { x: cb.x, y: laneY },
        { x: cb.x, y: bottom(b) },
      ];
      links.push({ id: link.id, kind: link.kind, d: `M${ca.x},${bottom(a)}V${laneY}H${cb.x}V${bottom(b)}`, ends: { a: a.id, b: b.id, via } });
      bounds.h = Math.max(bounds.h, laneY + 4);
    }
  }
  return links;
}
