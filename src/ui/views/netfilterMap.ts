/**
 * The classic netfilter diagram as data: the five hooks with their tables in kernel order
 * (conntrack after raw, IPVS at LOCAL_IN after filter), the two routing decisions and the local
 * process, laid out the way textbooks draw it:
 *
 *   in → PREROUTING → ◇ → FORWARD → POSTROUTING → out
 *                     ↓                  ↑
 *                   INPUT → local → ◇ → OUTPUT
 *
 * `mapStates` says which cell the current hop is in and which cells the packet visited in this
 * namespace during the current leg.
 */
import type { HopNode, Hook } from '../../engine';
import type { LegName } from '../store/types';

export type CellId = string;

export interface HookBox {
  hook: Hook;
  x: number;
  y: number;
  w: number;
  h: number;
  cells: { id: CellId; label: string; y: number }[];
}

export const HEADER_H = 24;
export const CELL_H = 21;
const BOX_W = 170;

const TABLES: Record<Hook, string[]> = {
  PREROUTING: ['raw', 'conntrack', 'mangle', 'nat'],
  INPUT: ['mangle', 'filter', 'ipvs', 'nat', 'conntrack'],
  FORWARD: ['mangle', 'filter'],
  OUTPUT: ['raw', 'conntrack', 'mangle', 'nat', 'filter'],
  POSTROUTING: ['mangle', 'nat', 'conntrack'],
};

const CELL_LABEL: Record<string, string> = { conntrack: 'conntrack', ipvs: 'IPVS (LOCAL_IN)' };

function box(hook: Hook, x: number, y: number): HookBox {
  const cells = TABLES[hook].map((t, i) => ({ id: `${hook}:${t}`, label: CELL_LABEL[t] ?? t, y: y + HEADER_H + 4 + i * CELL_H }));
  return { hook, x, y, w: BOX_W, h: HEADER_H + 8 + cells.length * CELL_H, cells };
}

const ROW1 = 16;
const ROW2 = 210;

export const MAP = (() => {
  const hooks = [box('PREROUTING', 80, ROW1), box('FORWARD', 355, ROW1), box('POSTROUTING', 600, ROW1), box('INPUT', 200, ROW2), box('OUTPUT', 600, ROW2)];
  const by = Object.fromEntries(hooks.map((h) => [h.hook, h])) as Record<Hook, HookBox>;
  const mid1 = ROW1 + HEADER_H / 2;
  const mid2 = ROW2 + HEADER_H / 2;
  const routeIn = { x: 300, y: mid1 };
  const routeOut = { x: 540, y: mid2 };
  const local = { x: 455, y: mid2 };
  const ends = { in: { x: 34, y: mid1 }, out: { x: 820, y: mid1 } };
  const pre = by.PREROUTING;
  const fwd = by.FORWARD;
  const post = by.POSTROUTING;
  const inp = by.INPUT;
  const out = by.OUTPUT;
  const arrows = [
    `M${ends.in.x + 16},${mid1}H${pre.x - 2}`,
    `M${pre.x + pre.w},${mid1}H${routeIn.x - 13}`,
    `M${routeIn.x + 13},${mid1}H${fwd.x - 2}`,
    `M${fwd.x + fwd.w},${mid1}H${post.x - 2}`,
    `M${post.x + post.w},${mid1}H${ends.out.x - 18}`,
    `M${routeIn.x},${mid1 + 13}V${mid2}H${inp.x - 2}`,
    `M${inp.x + inp.w},${mid2}H${local.x - 15}`,
    `M${local.x + 15},${mid2}H${routeOut.x - 13}`,
    `M${routeOut.x + 13},${mid2}H${out.x - 2}`,
    `M${out.x + out.w + 14},${mid2}V${mid1 + 40}`,
  ];
  // OUTPUT's arrow climbs beside the boxes into POSTROUTING's side.
  arrows.push(`M${out.x + out.w},${mid2}H${out.x + out.w + 14}`, `M${out.x + out.w + 14},${mid1 + 40}H${post.x + post.w + 1}`);
  return { hooks, routeIn, routeOut, local, ends, arrows, width: 860, height: Math.max(...hooks.map((h) => h.y + h.h)) + 12 };
})();

/** The cell a hop stands at, if any. `fromLocal` tells the output routing decision from the input one. */
export function cellOf(hop: HopNode, fromLocal: boolean): CellId | null {
  const { hook, table } = hop.place;
  switch (hop.hop) {
    case 'chain':
      return hook && table ? `${hook}:${table === 'security' ? 'filter' : table}` : null;
    case 'conntrack':
      if (!hook) return null;
      return table === 'nat' ? `${hook}:nat` : TABLES[hook].includes('conntrack') ? `${hook}:conntrack` : `${hook}:nat`;
    case 'ipvs':
      return 'INPUT:ipvs';
    case 'route':
      return fromLocal ? 'route:out' : 'route:in';
    case 'originate':
    case 'deliver':
      return 'local';
    case 'egress':
    case 'encap':
      return 'out';
    case 'ingress':
    case 'veth':
    case 'bridge':
    case 'wire':
    case 'decap':
      return 'in';
    case 'drop':
      return hook && table ? `${hook}:${table}` : null;
  }
}

export interface MapStates {
  netns: string | null;
  current: CellId | null;
  visited: Set<CellId>;
}

/** Cells for the current hop's namespace, over the current leg up to the current hop. */
export function mapStates(hops: HopNode[], legs: LegName[], step: number): MapStates {
  const here = hops[step];
  if (!here) return { netns: null, current: null, visited: new Set() };
  const netns = here.place.netns;
  let start = step;
  while (start > 0 && legs[start - 1] === legs[step]) start--;
  const visited = new Set<CellId>();
  let fromLocal = false;
  let current: CellId | null = null;
  for (let i = start; i <= step; i++) {
    const hop = hops[i]!;
    if (hop.place.netns !== netns) {
      fromLocal = false;
      continue;
    }
    if (hop.hop === 'originate' || hop.hop === 'ipvs' || hop.hop === 'encap') fromLocal = true;
    if (hop.place.hook === 'PREROUTING') fromLocal = false;
    const cell = cellOf(hop, fromLocal);
    if (hop.hop === 'route') fromLocal = false;
    if (!cell) continue;
    if (i === step) current = cell;
    else visited.add(cell);
  }
  return { netns, current, visited };
}
