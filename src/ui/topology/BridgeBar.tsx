import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { useHopscope } from '../store/StoreProvider';
import { placeIfaceId } from './hopPoint';
import type { IfaceBox } from './layout';

/**
 * A Linux bridge drawn as a bar its ports attach to, the way it is drawn on whiteboards;
 * the name and address sit under its right end so the packet can ride along it.
 */
export const BridgeBar = memo(function BridgeBar({ iface }: { iface: IfaceBox }) {
  const { t } = useTranslation('topology');
  const active = useHopscope((s) => {
    const hop = s.hops[s.step];
    return hop ? placeIfaceId(hop.place) === iface.id : false;
  });
  return (
    <g data-testid="iface" data-iface-id={iface.id} data-active={active || undefined}>
      <title>{`${iface.name} (${iface.ovs ? t('ovsBridge') : t('bridge')})${iface.address ? ` ${iface.address}` : ''}`}</title>
      <rect
        x={iface.x}
        y={iface.y}
        width={iface.w}
        height={iface.h}
        rx={iface.h / 2}
        className={active ? 'fill-sky-600' : 'fill-slate-600'}
      />
      <text
        x={iface.x + iface.w - 10}
        y={iface.y + iface.h + 15}
        textAnchor="end"
        className="fill-slate-800 font-mono text-[12px] font-semibold"
      >
        {iface.name}
        <tspan dx={8} className="fill-slate-500 font-normal">
          {iface.address ?? ''}
        </tspan>
        <tspan dx={8} className="fill-slate-400 font-sans text-[10.5px] font-normal">
          {iface.ovs ? t('openVSwitch') : t('linuxBridge')}
        </tspan>
      </text>
    </g>
  );
});
