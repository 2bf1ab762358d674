import { useTranslation } from 'react-i18next';
import { useHopscope } from '../store/StoreProvider';

/** Presenter mode on/off (also the P key and `?present=1`). */
export function PresentToggle() {
  const { t } = useTranslation('present');
  const presenting = useHopscope((s) => s.presenting);
  const setPresenting = useHopscope((s) => s.setPresenting);
  const label = presenting ? t('toggle.leave') : t('toggle.enter');
  return (
    <button
      type="button"
      aria-pressed={presenting}
      title={`${label} (P)`}
      onClick={() => setPresenting(!presenting)}
      className={`inline-flex h-8 items-center gap-1.5 rounded-md px-2 text-[12.5px] font-medium ${presenting ? 'bg-amber-400 text-slate-900 hover:bg-amber-300' : 'text-slate-600 hover:bg-slate-100 hover:text-slate-900'}`}
      data-testid="present-toggle"
    >
      <svg viewBox="0 0 16 16" className="h-4 w-4" aria-hidden="true" fill="none">
        <rect x="1.5" y="2.5" width="13" height="8.5" rx="1" className="stroke-current" strokeWidth="1.5" />
        <path d="M8 11v2.5M5 14h6" className="stroke-current" strokeWidth="1.5" strokeLinecap="round" />
      </svg>
      <span className="max-2xl:sr-only">{t('toggle.short')}</span>
    </button>
  );
}
