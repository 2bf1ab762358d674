import { useTranslation } from 'react-i18next';
import type { ZoomCommands } from './useZoom';

const BUTTON =
  'grid h-8 w-8 place-items-center rounded-md text-slate-600 hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-sky-500';

/** Zoom buttons for people without a wheel or trackpad, and a reset to the whole picture. */
export function ZoomControls({ fit, zoomBy }: ZoomCommands) {
  const { t } = useTranslation('topology');
  return (
    <div className="absolute top-3 right-3 flex flex-col rounded-lg border border-slate-200 bg-white/90 p-0.5 shadow-sm backdrop-blur">
      <button type="button" className={BUTTON} aria-label={t('zoomIn')} title={t('zoomIn')} onClick={() => zoomBy(1.25)}>
        <svg viewBox="0 0 16 16" className="h-4 w-4" aria-hidden="true">
          <path d="M8 3v10M3 8h10" className="stroke-current" strokeWidth="1.8" strokeLinecap="round" />
        </svg>
      </button>
      <button type="button" className={BUTTON} aria-label={t('zoomOut')} title={t('zoomOut')} onClick={() => zoomBy(0.8)}>
        <svg viewBox="0 0 16 16" className="h-4 w-4" aria-hidden="true">
          <path d="M3 8h10" className="stroke-current" strokeWidth="1.8" strokeLinecap="round" />
        </svg>
      </button>
      <button type="button" className={BUTTON} aria-label={t('fit')} title={t('fitShort')} onClick={fit}>
        <svg viewBox="0 0 16 16" className="h-4 w-4" aria-hidden="true" fill="none">
          <path d="M2.5 6V2.5H6M10 2.5h3.5V6M13.5 10v3.5H10M6 13.5H2.5V10" className="stroke-current" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
      </button>
    </div>
  );
}
