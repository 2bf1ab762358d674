/** The keyboard shortcuts, listed in a dialog (?); Escape or the button closes it. */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useHopscope } from '../store/StoreProvider';
import { keyCap, SHORTCUTS } from '../playback/shortcuts';
import { PresenterKeyRows, PresenterKeysNote } from '../present/PresenterKeysHelp';

export function HelpOverlay() {
  const { t } = useTranslation(['shell', 'playback', 'common']);
  const open = useHopscope((s) => s.helpOpen);
  const setHelpOpen = useHopscope((s) => s.setHelpOpen);
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!open) return;
    // Focus moves into the dialog, and back to where it was when the dialog closes.
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    closeRef.current?.focus();
    return () => opener?.focus();
  }, [open]);
  if (!open) return null;
  return (
    <div className="fixed inset-0 z-50 grid place-items-center bg-slate-900/40 p-4" onClick={() => setHelpOpen(false)}>
      <div
        role="dialog"
        aria-modal="true"
        aria-labelledby="help-title"
        className="max-h-full w-full max-w-lg overflow-y-auto rounded-xl border border-slate-200 bg-white p-5 shadow-2xl"
        onClick={(e) => e.stopPropagation()}
        data-testid="help-overlay"
      >
        <h2 id="help-title" className="text-[16px] font-semibold text-slate-900">
          {t('help.title')}
        </h2>
        <p className="mt-1 text-[12.5px] text-slate-500">{t('help.intro')}</p>
        {/* One table: the player's keys, then the presenter's. */}
        <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5 text-[13px]" data-testid="shortcut-table">
          {SHORTCUTS.map((s) => (
            <div key={s.id} className="contents">
              <dt className="text-right">
                {s.keys.map((k) => (
                  <kbd key={k} className="ml-1 rounded border border-slate-300 bg-slate-50 px-1.5 py-px font-mono text-[11.5px] text-slate-700">
                    {keyCap(t, k)}
                  </kbd>
                ))}
              </dt>
              <dd className="text-slate-700">{t(`playback:shortcuts.${s.id}`)}</dd>
            </div>
          ))}
          <PresenterKeyRows />
        </dl>
        <PresenterKeysNote />
        <button ref={closeRef} type="button" onClick={() => setHelpOpen(false)} className="mt-4 rounded-md bg-sky-600 px-3 py-1.5 text-[13px] font-medium text-white hover:bg-sky-700">
          {t('common:close')}
        </button>
      </div>
    </div>
  );
}
