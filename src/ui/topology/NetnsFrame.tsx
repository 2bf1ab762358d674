import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { selectCurrentNetns } from '../store/selectors';
import { useHopscope } from '../store/StoreProvider';
import type { NetnsBox } from './layout';

const FRAME = {
  pod: 'fill-violet-50 stroke-violet-200',
  host: 'fill-slate-50 stroke-slate-200',
};

/**
 * A network namespace's frame: box, title and IP-stack marker. Its interfaces are drawn in a
 * later layer (NetnsIfaces), above the travel path, so the path passes under them.
 */
export const NetnsFrame = memo(function NetnsFrame({ box }: { box: NetnsBox }) {
  const { t } = useTranslation('topology');
  const active = useHopscope((s) => selectCurrentNetns(s) === box.id);
  const fullCaption = box.kind === 'host' ? t('hostNamespace') : box.caption;
  const { rect } = box;
  const isPod = box.kind === 'pod';
  // Long pod names would spill out of the frame: the caption goes first, then the name is cut.
  const room = Math.floor((rect.w - 24 - (box.stack ? 64 : 0)) / 7.4);
  const caption = fullCaption && box.label.replace(/^default\//, '').length + fullCaption.length + 2 <= room ? fullCaption : '';
  // The "default/" namespace says little on a small frame; the full name is in the tooltip.
  const short = box.label.startsWith('default/') ? box.label.slice(8) : box.label;
  const label = short.length > room ? `${short.slice(0, Math.max(4, room - 1))}…` : short;
  return (
    <g data-testid="netns" data-netns={box.id} data-active={active || undefined}>
      <rect
        x={rect.x}
        y={rect.y}
        width={rect.w}
        height={rect.h}
        rx={12}
        className={`${isPod ? FRAME.pod : FRAME.host} ${active ? 'stroke-sky-400' : ''}`}
        strokeWidth={active ? 2 : 1.5}
      />
      <text
        x={box.titleAnchor === 'end' ? rect.x + rect.w - 12 : rect.x + 12}
        y={rect.y + 19}
        textAnchor={box.titleAnchor}
        className={`${isPod ? 'fill-violet-900' : 'fill-slate-700'} text-[13px] font-semibold`}
      >
        <title>{fullCaption ? `${box.label} (${fullCaption})` : box.label}</title>
        {label}
        <tspan dx={8} className="fill-slate-400 font-mono text-[10.5px] font-normal">
          {caption}
        </tspan>
      </text>
      {box.stack && (
        <g>
          <title>{t('stack.title')}</title>
          <text x={box.stack.x - 11} y={box.stack.y + 3.5} textAnchor="end" className="fill-slate-400 text-[9.5px]">
            {t('stack.label')}
          </text>
          <circle cx={box.stack.x} cy={box.stack.y} r={6} className="fill-white stroke-slate-300" strokeWidth={1.5} />
        </g>
      )}
    </g>
  );
});
