/**
 * Every hop as one row (icon, where, what happened), grouped by leg (with its verdict) and by
 * node, at the chosen detail level. At "detailed", a chain's rule evaluations are listed under
 * it. The current row is highlighted and kept in view; clicking a row jumps there.
 */
import { Fragment, memo, useDeferredValue, useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { HopNode, Lang, LegNode, RuleNode, Trace } from '../../engine';
import { renderMessage } from '../../engine';
import { HOP_KINDS } from '../hopKinds';
import { HopIcon } from '../icons/HopIcon';
import { AssumptionIcon, BranchIcon } from '../icons/NoteIcons';
import { rewrites } from '../store/detailLevels';
import type { DetailLevel } from '../store/types';
import { useHopscope } from '../store/StoreProvider';

const RULES_SHOWN = 6;

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

function RuleRows({ rules, lang }: { rules: RuleNode[]; lang: Lang }) {
  const { t } = useTranslation('playback');
  return (
    <ul className="pb-1 pl-[4.75rem]" data-testid="rule-rows">
      {rules.slice(0, RULES_SHOWN).map((r) => (
        <li key={r.rule.id} className={`truncate font-mono text-[11px] ${r.matched ? 'text-sky-800' : 'text-slate-400'}`} data-testid="rule-row" data-matched={r.matched}>
          <span className="inline-block w-14">{r.matched ? `✓ #${r.rule.position}` : `✗ #${r.rule.position}`}</span>
          {r.rule.text}
          {!r.matched && r.failed && <span className="ml-2 font-sans text-slate-500">— {renderMessage(r.failed.reason, lang)}</span>}
        </li>
      ))}
      {rules.length > RULES_SHOWN && <li className="text-[11px] text-slate-500">{t('events.moreRules', { count: rules.length - RULES_SHOWN })}</li>}
    </ul>
  );
}

/** What the rows show; kept as one value so that it can be deferred as a whole. */
interface ListView {
  trace: Trace | null;
  step: number;
  shown: number[];
  detail: DetailLevel;
  lang: Lang;
}

/**
 * The list renders a step behind the rest of the page: a new trace (or step) is drawn in a
 * background render that yields to the browser, so the hop details and the topology appear
 * first and the first trace of a big workspace does not block the page in one long task.
 */
export function EventList() {
  const trace = useHopscope((s) => s.trace);
  const step = useHopscope((s) => s.step);
  const shown = useHopscope((s) => s.shown);
  const detail = useHopscope((s) => s.detail);
  const lang = useHopscope((s) => s.lang);
  const view = useMemo<ListView>(() => ({ trace, step, shown, detail, lang }), [trace, step, shown, detail, lang]);
  const deferred = useDeferredValue(view, EMPTY_VIEW);
  // aria-busy while the rows still show an older view (tests and assistive technology wait on it).
  // A new trace gets a new scroll container, which starts at its top.
  return (
    <div className="h-full" data-testid="event-list-frame" aria-busy={deferred !== view}>
      {deferred.trace && <EventRows key={listKey(deferred.trace)} view={deferred} />}
    </div>
  );
}

const listKeys = new WeakMap<Trace, number>();
let lastListKey = 0;
/** A key per trace object, so that each new trace mounts a fresh list. */
function listKey(trace: Trace): number {
  let key = listKeys.get(trace);
  if (key === undefined) listKeys.set(trace, (key = ++lastListKey));
  return key;
}

const EMPTY_VIEW: ListView = { trace: null, step: 0, shown: [], detail: 'detailed', lang: 'en' };

const EventRows = memo(function EventRows({ view }: { view: ListView }) {
  const { t } = useTranslation(['playback', 'common']);
  const { trace, step, shown, detail, lang } = view;
  const goTo = useHopscope((s) => s.goTo);
  const pause = useHopscope((s) => s.pause);
  const listRef = useRef<HTMLDivElement>(null);
  const mounted = useRef(false);

  useEffect(() => {
    // The first hop of a new list is already in view; asking the browser would force a layout
    // of the whole new page inside this task.
    if (!mounted.current) {
      mounted.current = true;
      if (step === 0) return;
    }
    const row = listRef.current?.querySelector<HTMLElement>('[aria-current="step"]');
    row?.scrollIntoView({ block: 'nearest' });
  }, [step, detail]);

  if (!trace) return null;
  const visible = new Set(shown);
  let index = 0;
  return (
    <div ref={listRef} className="h-full overflow-y-auto" data-testid="event-list" data-detail={detail}>
      {trace.legs.map((leg, legIndex) => {
        let lastNode: string | null = null;
        return (
          <section key={`${legIndex}-${leg.leg}`} aria-label={t('events.leg', { leg: t(`common:leg.${leg.leg}`) })} data-leg={leg.leg}>
            <h3 className="sticky top-0 z-10 flex items-baseline gap-2 border-y border-slate-200 bg-slate-100/95 px-3 py-1 text-[11px] font-semibold tracking-wider text-slate-500 uppercase backdrop-blur">
              {t(`common:leg.${leg.leg}`)}
              <span className={`truncate font-medium tracking-normal normal-case ${VERDICT_TONE[leg.verdict]}`} data-testid="leg-verdict">
                {t('events.verdict', { verdict: t(`common:verdict.${leg.verdict}`), message: renderMessage(leg.verdictMessage, lang) })}
              </span>
            </h3>
            <ol>
              {leg.hops.map((hop) => {
                const i = index++;
                if (!visible.has(i)) return null;
                const current = i === step;
                const kind = HOP_KINDS[hop.hop];
                const nodeHeader = hop.place.node !== lastNode;
                lastNode = hop.place.node;
                const branch = hop.children.find((c) => c.kind === 'branch');
                const rw = rewrites(hop);
                const assumed = hop.children.some((c) => c.kind === 'assumption');
                const rules = detail === 'detailed' ? hop.children.filter((c): c is RuleNode => c.kind === 'rule') : [];
                return (
                  <Fragment key={hop.id}>
                    {nodeHeader && (
                      <li className="px-3 pt-1 text-[10.5px] font-semibold tracking-wide text-slate-500 uppercase" data-testid="node-group" aria-hidden="true">
                        {t('events.node', { node: hop.place.node })}
                      </li>
                    )}
                    <li>
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
                        className={`grid w-full scroll-mt-8 grid-cols-[2rem_1.25rem_minmax(3rem,0.7fr)_minmax(6rem,1.3fr)_minmax(8rem,2.6fr)_4.5rem] items-center gap-2 px-3 py-[3px] text-left text-[12.5px] ${
                          current ? 'bg-sky-100 text-slate-900' : i < step ? 'text-slate-600 hover:bg-slate-50' : 'text-slate-500 hover:bg-slate-50'
                        }`}
                      >
                        <span className="text-right text-[11px] tabular-nums">{i + 1}</span>
                        <span className={`grid h-5 w-5 place-items-center rounded ring-1 ${kind.badge}`} title={t(`common:hopKind.${hop.hop}`)}>
                          <HopIcon kind={hop.hop} className="h-3.5 w-3.5" />
                        </span>
                        <span className="truncate">{hop.place.netnsName || t('common:host')}</span>
                        <span className="truncate font-mono text-[11.5px]">{where(hop)}</span>
                        <span className={`truncate ${current ? 'font-medium' : ''}`}>{renderMessage(hop.message, lang)}</span>
                        <span className="flex items-center justify-end gap-1">
                          {branch?.kind === 'branch' && (
                            <span className="flex items-center gap-0.5 rounded bg-violet-100 px-1 text-[10.5px] font-semibold text-violet-800" title={t('events.branch', { count: branch.options.length })} data-testid="branch-marker">
                              <BranchIcon className="h-3 w-3" /> {branch.options.length}
                            </span>
                          )}
                          {rw.length > 0 && (
                            <span className="rounded bg-amber-100 px-1 text-[10.5px] font-semibold text-amber-800" title={rw.map((c) => `${c.field} ${c.before} → ${c.after}`).join(', ')}>
                              {t('events.rewrite')}
                            </span>
                          )}
                          {assumed && (
                            <span title={t('events.assumption')}>
                              <AssumptionIcon className="h-3.5 w-3.5 text-amber-600" />
                              <span className="sr-only">{t('events.assumption')}</span>
                            </span>
                          )}
                        </span>
                      </button>
                      {rules.length > 0 && <RuleRows rules={rules} lang={lang} />}
                    </li>
                  </Fragment>
                );
              })}
            </ol>
          </section>
        );
      })}
    </div>
  );
});
