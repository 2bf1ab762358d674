/** Topology · Netfilter map · Chain: one centre view at a time, all following the current hop. */
import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useHopscope } from '../store/StoreProvider';
import type { CentreView } from '../store/types';

const KEYS: Record<CentreView, string> = { topology: 'T', netfilter: 'N', chain: 'C' };

const ORDER: CentreView[] = ['topology', 'netfilter', 'chain'];

export function ViewTabs() {
  const { t } = useTranslation('views');
  const centre = useHopscope((s) => s.centre);
  const setCentre = useHopscope((s) => s.setCentre);
  const onKeyDown = (e: KeyboardEvent) => {
    const i = ORDER.indexOf(centre);
    if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
      // Arrow keys move between tabs here (WAI-ARIA tabs), not between hops.
      e.preventDefault();
      e.stopPropagation();
      const next = ORDER[(i + (e.key === 'ArrowRight' ? 1 : ORDER.length - 1)) % ORDER.length]!;
      setCentre(next);
      document.getElementById(`tab-${next}`)?.focus();
    }
  };
  return (
    <div role="tablist" aria-label={t('tabs.label')} className="flex gap-0.5 border-b border-slate-200 bg-white px-2 pt-1" onKeyDown={onKeyDown}>
      {ORDER.map((v) => {
        const name = t(`tabs.${v}`);
        const on = v === centre;
        return (
          <button
            key={v}
            id={`tab-${v}`}
            type="button"
            role="tab"
            aria-selected={on}
            aria-controls="centre-view"
            tabIndex={on ? 0 : -1}
            title={t('tabs.withKey', { name, key: KEYS[v] })}
            onClick={() => setCentre(v)}
            data-testid={`tab-${v}`}
            className={`-mb-px rounded-t-md border px-3 py-1 text-[12.5px] font-medium ${on ? 'border-slate-200 border-b-white bg-white text-slate-900' : 'border-transparent text-slate-500 hover:text-slate-800'}`}
          >
            {name}
          </button>
        );
      })}
    </div>
  );
}
