/**
 * Geometry of the compact netfilter diagram drawn inside a namespace with rules:
 *
 *   PREROUTING → ◇ routing → FORWARD → POSTROUTING
 *                ↓                        ↑
 *              INPUT → local process → OUTPUT
 */
import type { Hook } from '../../engine';
import type { Point, Rect } from './geometry';

export const STRIP_W = 372;
export const STRIP_H = 96;

export interface StripHook {
  hook: Hook;
  rect: Rect;
  centre: Point;
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

// Relative x and width of each hook pill.
const PILLS: [Hook, number, number, number][] = [
  ['PREROUTING', 0, ROW1, 106],
  ['FORWARD', 152, ROW1, 86],
  ['POSTROUTING', 258, ROW1, 114],
  ['INPUT', 98, ROW2, 64],
  ['OUTPUT', 224, ROW2, 76],
];

export function layoutStrip(x: number, y: number): StripLayout {
  const hooks = PILLS.map(([hook, dx, dy, w]): StripHook => {
    const rect = { x: x + dx, y: y + dy, w, h: PILL_H };
    return { hook, rect, centre: { x: rect.x + w / 2, y: rect.y + PILL_H / 2 } };
  });
  const m1 = y + ROW1 + PILL_H / 2;
  const m2 = y + ROW2 + PILL_H / 2;
  const routing = { x: x + 130, y: m1 };
  const local = { x: x + 193, y: m2 };
  const h = (x1: number, x2: number, yy: number) => `M${x + x1},${yy}H${x + x2}`;
  return {
    rect: { x, y, w: STRIP_W, h: STRIP_H },
    hooks,
    routing,
    local,
    arrows: [
      h(106, 121, m1),
      h(139, 152, m1),
      h(238, 258, m1),
      `M${routing.x},${m1 + 9}V${y + ROW2}`,
      h(162, 184, m2),
      h(202, 224, m2),
      `M${x + 300},${m2}H${x + 315}V${y + ROW1 + PILL_H}`,
    ],
  };
}
