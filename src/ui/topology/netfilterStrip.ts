/**
 * Geometry of the compact netfilter diagram drawn inside a namespace with rules:
 *
 *   PREROUTING → ◇ routing → FORWARD → POSTROUTING
 *                ↓                        ↑
 *              INPUT → local process → OUTPUT
 *
 * Each pill has a dock at its left end where the packet token sits, so the token never
 * covers the hook's name.
 */
import type { Hook } from '../../engine';
import type { Point, Rect } from './geometry';

export const STRIP_W = 412;
export const STRIP_H = 96;

export interface StripHook {
  hook: Hook;
  rect: Rect;
  /** Where the token docks: the pill's left end. */
  dock: Point;
}

export interface StripLayout {
  rect: Rect;
  hooks: StripHook[];
  routing: Point;
  local: Point;
  /** Arrow paths between the stages, in drawing order. */
  arrows: string[];
}

const ROW1 = 26;
const ROW2 = 68;
const PILL_H = 24;
export const DOCK_INSET = 12;

// Relative x, row and width of each hook pill.
const PILLS: [Hook, number, number, number][] = [
  ['PREROUTING', 0, ROW1, 120],
  ['FORWARD', 166, ROW1, 100],
  ['POSTROUTING', 284, ROW1, 128],
  ['INPUT', 105, ROW2, 78],
  ['OUTPUT', 236, ROW2, 90],
];

export function layoutStrip(x: number, y: number): StripLayout {
  const hooks = PILLS.map(([hook, dx, dy, w]): StripHook => {
    const rect = { x: x + dx, y: y + dy, w, h: PILL_H };
    return { hook, rect, dock: { x: rect.x + DOCK_INSET, y: rect.y + PILL_H / 2 } };
  });
  const m1 = y + ROW1 + PILL_H / 2;
  const m2 = y + ROW2 + PILL_H / 2;
  const routing = { x: x + 144, y: m1 };
  const local = { x: x + 210, y: m2 };
  const h = (x1: number, x2: number, yy: number) => `M${x + x1},${yy}H${x + x2}`;
  return {
    rect: { x, y, w: STRIP_W, h: STRIP_H },
    hooks,
    routing,
    local,
    arrows: [
      h(120, 134, m1),
      h(154, 165, m1),
      h(266, 283, m1),
      `M${routing.x},${m1 + 10}V${y + ROW2 - 1}`,
      h(183, 200, m2),
      h(220, 235, m2),
      `M${x + 326},${m2}H${x + 344}V${y + ROW1 + PILL_H + 1}`,
    ],
  };
}
