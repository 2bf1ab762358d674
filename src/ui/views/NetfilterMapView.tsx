/** The classic netfilter hook diagram for the current hop's namespace: the current cell lit, the ones visited marked. */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useHopscope } from '../store/StoreProvider';
import { CELL_H, HEADER_H, MAP, mapStates } from './netfilterMap';
import type { CellId } from './netfilterMap';

const ENDS = ['in', 'out'] as const;
const ROUTES = [
  ['route:in', MAP.routeIn],
  ['route:out', MAP.routeOut],
] as const;

type CellState = 'current' | 'visited' | 'idle';

const CELL: Record<CellState, string> = {
  current: 'fill-sky-500',
  visited: 'fill-sky-100',
  idle: 'fill-transparent',
};
const CELL_TEXT: Record<CellState, string> = {
  current: 'fill-white font-semibold',
  visited: 'fill-sky-900 font-medium',
  idle: 'fill-slate-500',
};

function stateOf(id: CellId, current: CellId | null, visited: Set<CellId>): CellState {
  return id === current ? 'current' : visited.has(id) ? 'visited' : 'idle';
}

export function NetfilterMapView() {
  const { t } = useTranslation(['views', 'common']);
  const hops = useHopscope((s) => s.hops);
  const legs = useHopscope((s) => s.hopLegs);
  const step = useHopscope((s) => s.step);
  const topology = useHopscope((s) => s.topology);
  const { netns, current, visited } = useMemo(() => mapStates(hops, legs, step), [hops, legs, step]);
  const ns = topology?.netns.find((n) => n.id === netns);
  const where = ns ? t('map.where', { node: ns.node, netns: ns.kind === 'host' ? t('common:host') : ns.label }) : (netns ?? '');
  const mark = (id: CellId) => stateOf(id, current, visited);
  const diamond = (x: number, y: number) => `M${x},${y - 12}L${x + 12},${y}L${x},${y + 12}L${x - 12},${y}Z`;

  return (
    <div className="flex h-full flex-col overflow-auto bg-slate-50 p-3" data-testid="netfilter-map" data-netns={netns ?? ''} data-current={current ?? ''}>
      <h2 className="mb-1 text-[13px] font-semibold text-slate-800">
        {t('map.title')} <span className="font-mono font-normal text-slate-500">{where}</span>
      </h2>
      {ns && !ns.hasNetfilter && <p className="mb-1 text-[12px] text-slate-500">{t('map.noRules')}</p>}
      <svg viewBox={`0 0 ${MAP.width} ${MAP.height}`} className="max-h-full w-full max-w-[1100px] min-w-[640px]" role="img" aria-label={t('map.label', { where })}>
        <defs>
          <marker id="hs-map-arrow" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
            <path d="M0,0.5L7.5,4L0,7.5Z" className="fill-slate-400" />
          </marker>
        </defs>
        <g fill="none" className="stroke-slate-400" strokeWidth={1.5}>
          {MAP.arrows.map((d, i) => (
            <path key={i} d={d} markerEnd={i === MAP.arrows.length - 3 ? undefined : 'url(#hs-map-arrow)'} />
          ))}
        </g>
        {ENDS.map((end) => {
          const p = MAP.ends[end];
          const state = mark(end);
          return (
            <g key={end} data-testid="map-cell" data-cell={end} data-state={state}>
              <rect x={p.x - 22} y={p.y - 12} width={44} height={24} rx={12} className={`${state === 'current' ? 'fill-sky-500 stroke-sky-600' : state === 'visited' ? 'fill-sky-100 stroke-sky-300' : 'fill-white stroke-slate-300'}`} strokeWidth={1.5} />
              <text x={p.x} y={p.y + 4} textAnchor="middle" className={`text-[11px] ${CELL_TEXT[state]}`}>
                {t(`map.${end}`)}
              </text>
            </g>
          );
        })}
        {ROUTES.map(([id, p]) => {
          const state = mark(id);
          return (
            <g key={id} data-testid="map-cell" data-cell={id} data-state={state}>
              <path d={diamond(p.x, p.y)} className={state === 'current' ? 'fill-sky-500 stroke-sky-600' : state === 'visited' ? 'fill-sky-100 stroke-sky-400' : 'fill-white stroke-slate-400'} strokeWidth={1.5} />
              <text x={p.x} y={p.y - 17} textAnchor="middle" className="fill-slate-500 text-[10.5px]">
                {t('map.routing')}
              </text>
            </g>
          );
        })}
        <g data-testid="map-cell" data-cell="local" data-state={mark('local')}>
          <circle cx={MAP.local.x} cy={MAP.local.y} r={14} className={mark('local') === 'current' ? 'fill-sky-500 stroke-sky-600' : mark('local') === 'visited' ? 'fill-sky-100 stroke-sky-400' : 'fill-white stroke-slate-400'} strokeWidth={1.5} />
          <text x={MAP.local.x} y={MAP.local.y + 30} textAnchor="middle" className="fill-slate-500 text-[10.5px]">
            {t('map.local')}
          </text>
        </g>
        {MAP.hooks.map((h) => {
          const hookActive = current?.startsWith(`${h.hook}:`);
          const hookVisited = [...visited].some((v) => v.startsWith(`${h.hook}:`));
          return (
            <g key={h.hook} data-testid="map-hook" data-hook={h.hook} data-state={hookActive ? 'current' : hookVisited ? 'visited' : 'idle'}>
              <rect x={h.x} y={h.y} width={h.w} height={h.h} rx={8} className={`fill-white ${hookActive ? 'stroke-sky-500' : hookVisited ? 'stroke-sky-300' : 'stroke-slate-300'}`} strokeWidth={hookActive ? 2.5 : 1.5} />
              <rect x={h.x} y={h.y} width={h.w} height={HEADER_H} rx={8} className={hookActive ? 'fill-sky-600' : 'fill-slate-700'} />
              <text x={h.x + 10} y={h.y + 16} className="fill-white text-[11.5px] font-bold tracking-wide">
                {h.hook}
              </text>
              {h.cells.map((c) => {
                const state = mark(c.id);
                return (
                  <g key={c.id} data-testid="map-cell" data-cell={c.id} data-state={state}>
                    <rect x={h.x + 6} y={c.y} width={h.w - 12} height={CELL_H - 3} rx={4} className={`${CELL[state]} ${state === 'idle' ? 'stroke-slate-200' : 'stroke-transparent'}`} />
                    <text x={h.x + 14} y={c.y + 13} className={`text-[11px] ${CELL_TEXT[state]}`}>
                      {c.label}
                    </text>
                    {state !== 'idle' && (
                      <text x={h.x + h.w - 14} y={c.y + 13} textAnchor="end" className={`text-[10px] ${CELL_TEXT[state]}`}>
                        {state === 'current' ? '●' : '✓'}
                      </text>
                    )}
                  </g>
                );
              })}
            </g>
          );
        })}
      </svg>
      <p className="mt-1 flex gap-4 text-[11.5px] text-slate-500" aria-hidden="true">
        <span className="flex items-center gap-1">
          <span className="inline-block h-3 w-3 rounded-sm bg-sky-500" /> {t('map.current')}
        </span>
        <span className="flex items-center gap-1">
          <span className="inline-block h-3 w-3 rounded-sm bg-sky-100 ring-1 ring-sky-300" /> {t('map.visited')}
        </span>
      </p>
    </div>
  );
}
