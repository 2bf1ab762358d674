/** Detailed / summary / minimal, as a radio group (keys 1, 2, 3). */
import { useTranslation } from 'react-i18next';
import { useHopscope } from '../store/StoreProvider';
import type { DetailLevel } from '../store/types';

const LEVELS: DetailLevel[] = ['detailed', 'summary', 'minimal'];

export function DetailLevelSwitch() {
  const { t } = useTranslation('playback');
  const detail = useHopscope((s) => s.detail);
  const setDetail = useHopscope((s) => s.setDetail);
  return (
    <div role="radiogroup" aria-label={t('detail.label')} className="inline-flex rounded-md border border-slate-200 bg-white p-0.5" data-testid="detail-level">
      {LEVELS.map((level, i) => {
        const name = t(`detail.${level}`);
        const hint = t(`detail.${level}Hint`);
        const on = level === detail;
        return (
          <button
            key={level}
            type="button"
            role="radio"
            aria-checked={on}
            title={t('withKeys', { label: hint, keys: i + 1 })}
            aria-keyshortcuts={String(i + 1)}
            onClick={() => setDetail(level)}
            data-level={level}
            className={`rounded px-2 py-0.5 text-[12px] font-medium ${on ? 'bg-sky-600 text-white' : 'text-slate-600 hover:bg-slate-100'}`}
          >
            {name}
          </button>
        );
      })}
    </div>
  );
}
