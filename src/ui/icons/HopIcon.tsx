import type { HopKind } from '../../engine';

/** Small line icons per hop kind; SVG rather than emoji so every machine draws them the same. */
const PATHS: Record<HopKind, string> = {
  originate: 'M8 2.5a5.5 5.5 0 1 0 0 11a5.5 5.5 0 1 0 0-11M8 6v4M6 8h4',
  route: 'M3 13V9.5a3 3 0 0 1 3-3h7M10.5 4l2.5 2.5L10.5 9M3 3v3',
  chain: 'M3 3.5h10M3 8h10M3 12.5h6M11.5 11l1.5 1.5 1.5-1.5',
  conntrack: 'M6.5 9.5a2.5 2.5 0 0 1 0-3.5l2-2a2.5 2.5 0 0 1 3.5 3.5l-1 1M9.5 6.5a2.5 2.5 0 0 1 0 3.5l-2 2a2.5 2.5 0 0 1-3.5-3.5l1-1',
  egress: 'M9 3H4v10h5M7 8h7M11.5 5.5L14 8l-2.5 2.5',
  veth: 'M2 6h12M2 10h12M5 6v4M11 6v4',
  bridge: 'M2 11h12M4 11V6M8 11V4M12 11V6',
  ingress: 'M7 3h5v10H7M2 8h7M6.5 5.5L9 8l-2.5 2.5',
  wire: 'M2 8h3M11 8h3M5 5.5h6v5H5z',
  encap: 'M3 3.5h10v9H3zM5.5 6h5v4h-5z',
  decap: 'M3 3.5h10v9H3zM8 6v4M6 8h4',
  ipvs: 'M2 8h4M10 4.5h4M10 11.5h4M6 8l4-3.5M6 8l4 3.5',
  deliver: 'M3 8.5l3 3 7-7',
  drop: 'M4 4l8 8M12 4l-8 8',
};

export function HopIcon({ kind, className = 'h-4 w-4' }: { kind: HopKind; className?: string }) {
  return (
    <svg viewBox="0 0 16 16" className={className} fill="none" aria-hidden="true">
      <path d={PATHS[kind]} className="stroke-current" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
