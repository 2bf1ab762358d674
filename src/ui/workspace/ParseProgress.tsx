/** While the worker reads the dumps: what it is doing and how far it got. */
import { useTranslation } from 'react-i18next';
import { useHopscope } from '../store/StoreProvider';

export function ParseProgress() {
  const { t } = useTranslation('workspace');
  const progress = useHopscope((s) => (s.parseStatus === 'parsing' ? s.progress : null));
  if (!progress) return null;
  const label = progress.file !== undefined ? t('progress.reading', { name: progress.file }) : t('progress.building');
  const pct = progress.total ? Math.round((progress.done / progress.total) * 100) : 0;
  return (
    <div className="space-y-1 px-3 py-2" role="status" aria-live="polite" data-testid="parse-progress">
      <div className="flex justify-between text-[12px] text-slate-600">
        <span className="truncate">{label}…</span>
        <span className="tabular-nums">{pct}%</span>
      </div>
      <progress className="h-1.5 w-full accent-sky-600" value={progress.done} max={progress.total} aria-label={label} />
    </div>
  );
}
