import { memo, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Hook } from '../../engine';
import { legStart } from '../store/selectors';
import { useHopscope } from '../store/StoreProvider';
import type { StripLayout } from './netfilterStrip';

type HookState = 'current' | 'visited' | 'idle';

const PILL: Record<HookState, string> = {
  current: 'fill-sky-500 stroke-sky-600',
  visited: 'fill-sky-50 stroke-sky-300',
  idle: 'fill-white stroke-slate-300',
};
const DOCK: Record<HookState, string> = {
  current: 'fill-white',
  visited: 'fill-sky-500',
  idle: 'fill-slate-200',
};
const LABEL: Record<HookState, string> = {
  current: 'fill-white',
  visited: 'fill-sky-800',
  idle: 'fill-slate-400',
};

/** The five netfilter hooks of one namespace: the current one lit, those visited in this leg marked. */
function hookState(hook: Hook, current: Hook | null, visited: Set<Hook>): HookState {
  if (hook === current) return 'current';
  return visited.has(hook) ? 'visited' : 'idle';
}

export const NetfilterStrip = memo(function NetfilterStrip({ strip, netns }: { strip: StripLayout; netns: string }) {
  const { t } = useTranslation('topology');
  const hops = useHopscope((s) => s.hops);
  const hopLegs = useHopscope((s) => s.hopLegs);
  const step = useHopscope((s) => s.step);

  const { current, visited, routing } = useMemo(() => {
    const visited = new Set<Hook>();
    let routing: HookState = 'idle';
    // Each leg is its own trip through the stack, so marks restart with the reply.
    for (let i = legStart(hopLegs, step); i <= step; i++) {
      const hop = hops[i];
      if (!hop || hop.place.netns !== netns) continue;
      if (hop.place.hook) visited.add(hop.place.hook);
      if (hop.hop === 'route') routing = i === step ? 'current' : 'visited';
    }
    const here = hops[step];
    const current = here && here.place.netns === netns ? (here.place.hook ?? null) : null;
    return { current, visited, routing };
  }, [hops, hopLegs, step, netns]);

  const { rect, routing: r, local } = strip;
  return (
    <g data-testid="netfilter-strip" data-netns={netns}>
      <text x={rect.x} y={rect.y + 12} className="fill-slate-500 text-[11px] font-semibold tracking-wide uppercase">
        {t('strip.title')}
      </text>
      <g fill="none" className="stroke-slate-300" strokeWidth={1.5} markerEnd="url(#hs-arrow)">
        {strip.arrows.map((d) => (
          <path key={d} d={d} />
        ))}
      </g>
      <path
        d={`M${r.x},${r.y - 9}L${r.x + 9},${r.y}L${r.x},${r.y + 9}L${r.x - 9},${r.y}Z`}
        className={PILL[routing]}
        strokeWidth={1.5}
      >
        <title>{t('strip.routingDecision')}</title>
      </path>
      <circle cx={local.x} cy={local.y} r={9} className="fill-white stroke-slate-300" strokeWidth={1.5}>
        <title>{t('strip.localProcess')}</title>
      </circle>
      <text x={local.x} y={local.y + 22} textAnchor="middle" className="fill-slate-400 text-[9.5px]">
        {t('strip.local')}
      </text>
      <text x={r.x} y={r.y - 14} textAnchor="middle" className="fill-slate-400 text-[9.5px]">
        {t('strip.routing')}
      </text>
      {strip.hooks.map(({ hook, rect: p, dock }) => {
        const state = hookState(hook, current, visited);
        return (
          <g key={hook} data-testid="hook" data-hook={hook} data-state={state}>
            <rect
              x={p.x}
              y={p.y}
              width={p.w}
              height={p.h}
              rx={p.h / 2}
              strokeWidth={1.5}
              className={PILL[state]}
              filter={state === 'current' ? 'url(#hs-glow)' : undefined}
            />
            <circle cx={dock.x} cy={dock.y} r={4} className={DOCK[state]} />
            <text x={dock.x + 10} y={dock.y + 4} className={`${LABEL[state]} text-[10.5px] font-semibold tracking-wide`}>
              {hook}
            </text>
          </g>
        );
      })}
    </g>
  );
});
