import { useTranslation } from 'react-i18next';
import { PRESENTER_KEYS } from './presenterKeys';

/** The presenter keys as rows of the help overlay's one table of shortcuts, after the player's. */
export function PresenterKeyRows() {
  const { t } = useTranslation('present');
  return PRESENTER_KEYS.map((k) => (
    <div key={k.id} className="contents" data-testid="presenter-key">
      <dt className="text-right">
        {k.keys.map((key) => (
          <kbd key={key} className="ml-1 rounded border border-slate-300 bg-slate-50 px-1.5 py-px font-mono text-[11.5px] text-slate-700">
            {key}
          </kbd>
        ))}
      </dt>
      <dd className="text-slate-700">{t(`keys.${k.id}`)}</dd>
    </div>
  ));
}

/** Where the presenter keys work (not while typing in a field). */
export function PresenterKeysNote() {
  const { t } = useTranslation('present');
  return <p className="mt-2 text-[12px] text-slate-500">{t('keys.note')}</p>;
}
