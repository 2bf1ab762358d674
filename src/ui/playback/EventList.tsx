/**
 * Every hop as one row (icon, where, what happened), grouped by leg with the leg's verdict.
 * The current row is highlighted and kept in view; clicking a row jumps there.
 */
import { useEffect, useRef } from 'react';
import type { HopNode, LegNode } from '../../engine';
import { renderMessage } from '../../engine';
import { HOP_KINDS } from '../hopKinds';
import { HopIcon } from '../icons/HopIcon';
import { useHopscope } from '../store/StoreProvider';

const VERDICT_TONE: Record<LegNode['verdict'], string> = {
  delivered: 'text-emerald-700',
  forwarded: 'text-sky-700',
  dropped: 'text-red-700',
  rejected: 'text-red-700',
  unroutable: 'text-red-700',
  incomplete: 'text-amber-700',
};

function where(hop: HopNode): string {
  const p = hop.place;
  if (p.chain) return [p.hook, p.table, p.chain].filter(Boolean).join(' · ');
  return [p.hook, p.iface].filter(Boolean).join(' · ') || '—';
}

function nsName(hop: HopNode): string {
  return hop.place.netnsName || 'host';
}

export function EventList() {
  const trace = useHopscope((s) => s.trace);
  const step = useHopscope((s) => s.step);
  const goTo = useHopscope((s) => s.goTo);
  const pause = useHopscope((s) => s.pause);
  const lang = useHopscope((s) => s.lang);
  const listRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const row = listRef.current?.querySelector<HTMLElement>('[aria-current="step"]');
    row?.scrollIntoView({ block: 'nearest' });
  }, [step, trace]);

  if (!trace) return null;
  let index = 0;
  return (
    <div ref={listRef} className="h-full overflow-y-auto" data-testid="event-list">
      {trace.legs.map((leg, legIndex) => (
        <section key={`${legIndex}-${leg.leg}`} aria-label={`${leg.leg} leg`}>
          <h3 className="sticky top-0 z-10 flex items-baseline gap-2 border-y border-slate-200 bg-slate-100/95 px-3 py-1 text-[11px] font-semibold tracking-wider text-slate-500 uppercase backdrop-blur">
            {leg.leg}
            <span className={`font-medium tracking-normal normal-case ${VERDICT_TONE[leg.verdict]}`} data-testid="leg-verdict">
              {leg.verdict} — {renderMessage(leg.verdictMessage, lang)}
            </span>
          </h3>
          <ol>
            {leg.hops.map((hop) => {
              const i = index++;
              const current = i === step;
              const kind = HOP_KINDS[hop.hop];
              return (
                <li key={hop.id}>
                  <button
                    type="button"
                    onClick={() => {
                      pause();
                      goTo(i);
                    }}
                    aria-current={current ? 'step' : undefined}
                    data-testid="event-row"
                    data-hop-id={hop.id}
                    data-hop-kind={hop.hop}
                    data-node={hop.place.node}
                    data-netns={hop.place.netns}
                    data-iface={hop.place.iface}
                    data-hook={hop.place.hook}
                    data-table={hop.place.table}
                    data-chain={hop.place.chain}
                    className={`grid w-full scroll-mt-8 grid-cols-[2rem_1.25rem_minmax(6rem,9rem)_minmax(10rem,19rem)_1fr] items-center gap-2 px-3 py-[3px] text-left text-[12.5px] focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-sky-500 ${
                      current ? 'bg-sky-100 text-slate-900' : i < step ? 'text-slate-600 hover:bg-slate-50' : 'text-slate-400 hover:bg-slate-50'
                    }`}
                  >
                    <span className="text-right text-[11px] tabular-nums">{i + 1}</span>
                    <span className={`grid h-5 w-5 place-items-center rounded ring-1 ${kind.badge}`} title={kind.label}>
                      <HopIcon kind={hop.hop} className="h-3.5 w-3.5" />
                    </span>
                    <span className="truncate">
                      {hop.place.node} <span className="text-slate-400">›</span> {nsName(hop)}
                    </span>
                    <span className="truncate font-mono text-[11.5px]">{where(hop)}</span>
                    <span className={`truncate ${current ? 'font-medium' : ''}`}>{renderMessage(hop.message, lang)}</span>
                  </button>
                </li>
              );
            })}
          </ol>
        </section>
      ))}
    </div>
  );
}
