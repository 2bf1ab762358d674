/**
 * The chain being evaluated, whole: every rule of it (fetched from the model in the worker),
 * the one that decided highlighted, the ones tried and skipped dimmed with a "why not?" that
 * says which match failed, and the ones never reached faded. Virtualised: 100,000 rules scroll.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HopNode, RuleNode } from '../../engine';
import { renderMessage } from '../../engine';
import { chainKey } from '../analysis/protocol';
import type { ChainRule } from '../analysis/protocol';
import { selectCurrentHop } from '../store/selectors';
import { useHopscope } from '../store/StoreProvider';

type RowState = 'matched' | 'skipped' | 'not-reached';

interface Row {
  rule: ChainRule;
  state: RowState;
  evaluation?: RuleNode;
}

function rowsOf(hop: HopNode, listing: ChainRule[] | null): Row[] {
  const evaluated = hop.children.filter((c): c is RuleNode => c.kind === 'rule');
  const byId = new Map(evaluated.map((e) => [e.rule.id, e]));
  const source: ChainRule[] =
    listing ?? evaluated.map((e) => ({ id: e.rule.id, position: e.rule.position, text: e.rule.text, target: e.rule.target, line: e.rule.span.line, file: e.rule.span.file }));
  // Long chains (64 rules or more) are walked through an index that passes over rules whose
  // destination cannot match: not evaluated one by one, but the packet went past them.
  const by = hop.decidedBy;
  const indexed = source.length >= 64;
  const decider = by && by.chain === hop.place.chain && by.table === hop.place.table ? by.position : Infinity;
  return source.map((rule) => {
    const evaluation = byId.get(rule.id);
    const passed = indexed && rule.position < decider;
    const state: RowState = evaluation ? (evaluation.matched ? 'matched' : 'skipped') : passed ? 'skipped' : 'not-reached';
    return evaluation ? { rule, state, evaluation } : { rule, state };
  });
}

const ROW_TONE: Record<RowState, string> = {
  matched: 'bg-sky-50 text-slate-900 ring-1 ring-inset ring-sky-300',
  skipped: 'text-slate-500',
  'not-reached': 'text-slate-400/80',
};

export function ChainView() {
  const { t } = useTranslation('views');
  const hop = useHopscope(selectCurrentHop);
  const hops = useHopscope((s) => s.hops);
  const goTo = useHopscope((s) => s.goTo);
  const lang = useHopscope((s) => s.lang);
  const openFile = useHopscope((s) => s.openFile);
  const loadChain = useHopscope((s) => s.loadChain);
  const query = useMemo(
    () => (hop?.hop === 'chain' && hop.place.table && hop.place.chain ? { netns: hop.place.netns as string, table: hop.place.table as string, chain: hop.place.chain } : null),
    [hop],
  );
  const key = query ? chainKey(query) : null;
  const listing = useHopscope((s) => (key ? s.chains[key] : undefined));
  const [open, setOpen] = useState<string | null>(null);
  const scrollRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (query) void loadChain(query);
  }, [query, loadChain]);

  const full = typeof listing === 'object' ? listing : null;
  const rows = useMemo(() => (hop && query ? rowsOf(hop, full?.rules ?? null) : []), [hop, query, full]);
  const focus = rows.findIndex((r) => r.state === 'matched');
  // Not memoised by a compiler here; the virtualizer re-renders the rows it owns.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scrollRef.current, estimateSize: () => 44, overscan: 12 });

  useEffect(() => {
    if (rows.length) virtualizer.scrollToIndex(Math.max(0, focus === -1 ? rows.findLastIndex((r) => r.state === 'skipped') : focus), { align: 'center' });
  }, [hop?.id, rows.length, focus, virtualizer, rows]);

  if (!hop) return null;
  if (!query) {
    const chainHops = hops.map((h, i) => [h, i] as const).filter(([h]) => h.hop === 'chain');
    return (
      <div className="h-full overflow-y-auto p-4 text-[13px] text-slate-600" data-testid="chain-view">
        <p className="font-medium text-slate-800">{t('chain.noChain')}</p>
        {chainHops.length > 0 && (
          <>
            <p className="mt-3 mb-1">{t('chain.chainsInLeg')}</p>
            <ul className="flex flex-wrap gap-1">
              {chainHops.map(([h, i]) => (
                <li key={h.id}>
                  <button type="button" onClick={() => goTo(i)} className="rounded border border-slate-200 bg-white px-1.5 py-0.5 font-mono text-[11.5px] hover:bg-slate-100">
                    {i + 1}. {h.place.hook} · {h.place.table} · {h.place.chain}
                  </button>
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
    );
  }

  const tried = rows.filter((r) => r.state !== 'not-reached').length;
  const stack = [...(hop.place.stack ?? []), hop.place.chain!];
  return (
    <div className="grid h-full grid-rows-[auto_minmax(0,1fr)]" data-testid="chain-view" data-chain={hop.place.chain} data-table={hop.place.table}>
      <header className="border-b border-slate-200 bg-white px-3 py-2">
        <nav aria-label={t('chain.jumps')} data-testid="chain-breadcrumb">
          <ol className="flex flex-wrap items-center gap-1 font-mono text-[12px]">
            <li className="font-sans text-[11px] font-semibold tracking-wide text-slate-500 uppercase">
              {hop.place.hook} · {hop.place.table}
            </li>
            {stack.map((c, i) => (
              <li key={`${c}-${i}`} className="flex items-center gap-1">
                <span className="text-slate-400" aria-hidden="true">
                  ›
                </span>
                <span className={i === stack.length - 1 ? 'font-semibold text-slate-900' : 'text-slate-600'} aria-current={i === stack.length - 1 ? 'location' : undefined}>
                  {c}
                </span>
              </li>
            ))}
          </ol>
        </nav>
        <p className="mt-0.5 text-[11.5px] text-slate-500">
          {[
            t('chain.counts', { count: rows.length, tried }),
            full?.policy && t('chain.policy', { policy: full.policy }),
            listing === 'loading' && t('chain.loading'),
            listing === 'missing' && t('chain.unavailable'),
          ]
            .filter(Boolean)
            .join(' · ')}
        </p>
      </header>
      <div ref={scrollRef} className="min-h-0 overflow-auto" data-testid="chain-rules-scroll">
        <ol className="relative" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((v) => {
            const row = rows[v.index]!;
            const id = row.rule.id;
            const expanded = open === id;
            return (
              <li
                key={id}
                ref={virtualizer.measureElement}
                data-index={v.index}
                className={`absolute left-0 w-full border-b border-slate-100 px-3 py-1 ${ROW_TONE[row.state]}`}
                style={{ transform: `translateY(${v.start}px)` }}
                data-testid="chain-rule"
                data-state={row.state}
                data-position={row.rule.position}
              >
                <div className="flex items-baseline gap-2">
                  <span className="w-14 shrink-0 text-right font-mono text-[11px] tabular-nums">#{row.rule.position}</span>
                  <code className="min-w-0 flex-1 font-mono text-[11.5px] leading-snug [overflow-wrap:anywhere]">{row.rule.text}</code>
                  <span className="shrink-0 text-[11px] font-semibold">
                    {row.state === 'matched' ? `✓ ${t('chain.matched')}` : row.state === 'skipped' ? t('chain.skipped') : t('chain.notReached')}
                  </span>
                  {row.state === 'skipped' && row.evaluation?.failed && (
                    <button
                      type="button"
                      aria-expanded={expanded}
                      onClick={() => setOpen(expanded ? null : id)}
                      className="shrink-0 rounded px-1 text-[11px] font-semibold text-sky-700 underline decoration-dotted underline-offset-2 hover:bg-sky-50"
                      data-testid="why-not"
                    >
                      {expanded ? t('chain.hide') : t('chain.whyNot')}
                    </button>
                  )}
                  <button
                    type="button"
                    onClick={() => openFile({ file: row.rule.file, line: row.rule.line })}
                    className="shrink-0 font-mono text-[10.5px] text-slate-400 hover:text-sky-700 hover:underline"
                    aria-label={t('chain.openLine', { line: row.rule.line })}
                  >
                    :{row.rule.line}
                  </button>
                </div>
                {expanded && row.evaluation?.failed && (
                  <p className="mt-1 ml-16 rounded bg-amber-50 px-2 py-1 text-[12px] text-amber-900" data-testid="why-not-answer">
                    <span className="font-semibold">{t('chain.failedMatch')}</span> <code className="font-mono">{row.evaluation.failed.text}</code> —{' '}
                    {renderMessage(row.evaluation.failed.reason, lang)}
                  </p>
                )}
                {row.evaluation?.notSimulated && row.evaluation.notSimulated.length > 0 && (
                  <p className="mt-0.5 ml-16 text-[11.5px] text-amber-700">
                    {t('chain.notSimulated')} <code className="font-mono">{row.evaluation.notSimulated.join(' ')}</code>
                  </p>
                )}
              </li>
            );
          })}
        </ol>
      </div>
    </div>
  );
}
