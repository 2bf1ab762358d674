import { useTranslation } from 'react-i18next';
import { PRESENTER_KEYS } from './presenterKeys';

/** The presenter keys in the help overlay, laid out like the player's. */
export function PresenterKeysHelp() {
  const { t } = useTranslation('present');
  return (
    <>
      <h3 className="mt-4 text-[13px] font-semibold text-slate-900">{t('keys.heading')}</h3>
      <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5 text-[13px]" data-testid="presenter-keys">
        {PRESENTER_KEYS.map((k) => (
          <div key={k.id} className="contents">
            <dt className="text-right">
              {k.keys.map((key) => (
                <kbd key={key} className="ml-1 rounded border border-slate-300 bg-slate-50 px-1.5 py-px font-mono text-[11.5px] text-slate-700">
                  {key}
                </kbd>
              ))}
            </dt>
            <dd className="text-slate-700">{t(`keys.${k.id}`)}</dd>
          </div>
        ))}
      </dl>
      <p className="mt-2 text-[12px] text-slate-500">{t('keys.note')}</p>
    </>
  );
}
