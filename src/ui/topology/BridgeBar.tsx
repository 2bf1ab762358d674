import { memo } from 'react';
import { useHopscope } from '../store/StoreProvider';
import { placeIfaceId } from './hopPoint';
import type { IfaceBox } from './layout';

/** A Linux bridge drawn as a bar its ports attach to, the way it is drawn on whiteboards. */
export const BridgeBar = memo(function BridgeBar({ iface }: { iface: IfaceBox }) {
  const active = useHopscope((s) => {
    const hop = s.hops[s.step];
    return hop ? placeIfaceId(hop.place) === iface.id : false;
  });
  const y = iface.y + iface.h / 2 + 4;
  return (
    <g data-testid="iface" data-iface-id={iface.id} data-active={active || undefined}>
      <title>{`${iface.name} (bridge)${iface.address ? ` ${iface.address}` : ''}`}</title>
      <rect
        x={iface.x}
        y={iface.y}
        width={iface.w}
        height={iface.h}
        rx={iface.h / 2}
        className={active ? 'fill-sky-600' : 'fill-slate-600'}
      />
      <text x={iface.x + 14} y={y} className="fill-white font-mono text-[12px] font-semibold">
        {iface.name}
        <tspan dx={10} className="fill-slate-200 font-normal">
          {iface.address ?? ''}
        </tspan>
        <tspan dx={10} className="fill-slate-300 font-sans text-[10.5px] font-normal">
          bridge
        </tspan>
      </text>
    </g>
  );
});
