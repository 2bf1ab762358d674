/** Small geometry types and sizes shared by the topology layout and its components. */
export interface Point {
  x: number;
  y: number;
}

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export const centre = (r: Rect): Point => ({ x: r.x + r.w / 2, y: r.y + r.h / 2 });
export const right = (r: Rect) => r.x + r.w;
export const bottom = (r: Rect) => r.y + r.h;

/** Sizes in SVG user units (≈ CSS px at zoom 1), tuned so one node fits a 1280×720 screen at zoom 1. */
export const SIZE = {
  pad: 16,
  nodeTitle: 34,
  netnsTitle: 30,
  chipW: 132,
  chipH: 40,
  chipGap: 14,
  podMinW: 176,
  podGap: 24,
  /** Vertical room between the pods row and the host box, crossed by the veth lines. */
  vethGap: 38,
  bridgeGap: 28,
  barH: 12,
  barLabel: 22,
  rowGap: 28,
  nodeGap: 96,
  laneGap: 22,
} as const;
