import { memo } from 'react';
import { useHopscope } from '../store/StoreProvider';
import { placeIfaceId } from './hopPoint';
import type { IfaceBox } from './layout';

/** Monospace 12px: about 7.3 px per character. */
const CHAR_W = 7.3;

/** A name that fits the chip, cut with an ellipsis (the full name is in the tooltip). */
function fitted(name: string, width: number): string {
  const max = Math.max(4, Math.floor((width - 10) / CHAR_W));
  return name.length <= max ? name : `${name.slice(0, max - 1)}…`;
}

/** One interface: its name and IPv4 address; lit while the packet is on it. */
export const IfaceChip = memo(function IfaceChip({ iface }: { iface: IfaceBox }) {
  const active = useHopscope((s) => {
    const hop = s.hops[s.step];
    return hop ? placeIfaceId(hop.place) === iface.id : false;
  });
  const cx = iface.x + iface.w / 2;
  return (
    <g data-testid="iface" data-iface-id={iface.id} data-active={active || undefined}>
      <title>{`${iface.name} (${iface.kind})${iface.address ? ` ${iface.address}` : ''}`}</title>
      <rect
        x={iface.x}
        y={iface.y}
        width={iface.w}
        height={iface.h}
        rx={8}
        className={active ? 'fill-sky-50 stroke-sky-500 stroke-2' : 'fill-white stroke-slate-300'}
      />
      <text x={cx} y={iface.y + 16} textAnchor="middle" className="fill-slate-800 font-mono text-[12px] font-semibold">
        {fitted(iface.name, iface.w)}
      </text>
      <text x={cx} y={iface.y + 31} textAnchor="middle" className="fill-slate-500 font-mono text-[11px]">
        {iface.address ?? iface.detail ?? iface.kind}
      </text>
    </g>
  );
});
