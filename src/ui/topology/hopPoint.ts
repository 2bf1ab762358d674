/**
 * Where the packet token sits for a hop: on the netfilter hook it is at, on the routing
 * diamond for a routing decision, on its interface, or else in its namespace.
 */
import type { HopNode } from '../../engine';
import type { Point } from './geometry';
import type { TopologyLayout } from './layout';

/** `Place.iface` is an interface name in `Place.netns`; tolerate a full id as well. */
export function placeIfaceId(place: HopNode['place']): string | null {
  if (!place.iface) return null;
  return place.iface.startsWith(`${place.netns}:`) ? place.iface : `${place.netns}:${place.iface}`;
}

export function hopPoint(layout: TopologyLayout, hop: HopNode, prev: Point | null): Point {
  const { place } = hop;
  const ns = layout.netns.get(place.netns);
  const strip = ns?.strip;
  if (strip && place.hook) {
    const pill = strip.hooks.find((h) => h.hook === place.hook);
    if (pill) return pill.dock;
  }
  if (strip && hop.hop === 'route') return strip.routing;
  if (strip && hop.hop === 'deliver' && !place.iface) return strip.local;
  const ifaceId = placeIfaceId(place);
  const iface = ifaceId ? layout.ifaces.get(ifaceId) : undefined;
  if (iface?.shape === 'bar') {
    // On a bridge, sit on the bar right below the port the packet came from.
    const x = prev ? Math.min(Math.max(prev.x, iface.x + 12), iface.x + iface.w - 12) : iface.x + iface.w / 2;
    return { x, y: iface.y + iface.h / 2 };
  }
  // Dock on the chip's right edge, clear of its name and address.
  if (iface) return { x: iface.x + iface.w, y: iface.y + iface.h / 2 };
  if (ns?.stack) return ns.stack;
  if (ns) return { x: ns.rect.x + ns.rect.w / 2, y: ns.rect.y + 16 };
  return { x: layout.bounds.x + layout.bounds.w / 2, y: layout.bounds.y + layout.bounds.h / 2 };
}

/** The token's positions for hops 0..n, computed once per trace and layout. */
export function hopPoints(layout: TopologyLayout, hops: HopNode[]): Point[] {
  const points: Point[] = [];
  let prev: Point | null = null;
  for (const hop of hops) {
    prev = hopPoint(layout, hop, prev);
    points.push(prev);
  }
  return points;
}

/**
 * The corners the packet rides through on its way to each hop: along the underlay lane for a
 * crossing between nodes (`wire`), so the token and the path follow the link instead of cutting
 * across the drawing. Null where the way is a straight line.
 */
export function hopVias(layout: TopologyLayout, hops: HopNode[]): (Point[] | null)[] {
  return hops.map((hop, i) => {
    if (hop.hop !== 'wire' || i === 0) return null;
    const from = placeIfaceId(hops[i - 1]!.place);
    const to = placeIfaceId(hop.place);
    if (!from || !to) return null;
    for (const link of layout.links) {
      if (!link.ends || link.kind !== 'underlay') continue;
      if (link.ends.a === from && link.ends.b === to) return link.ends.via;
      if (link.ends.a === to && link.ends.b === from) return [...link.ends.via].reverse();
    }
    return null;
  });
}
