import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BUTTON } from '../shell/classes';
import { useHopscope } from '../store/StoreProvider';

// The dialog (and the encoder, the exports) load when first opened.
const ShareDialog = lazy(() => import('./ShareDialog').then((m) => ({ default: m.ShareDialog })));

/** The header's "Share" button and its dialog. */
export function ShareButton() {
  const { t } = useTranslation('share');
  const [open, setOpen] = useState(false);
  const ready = useHopscope((s) => s.loadStatus === 'ready');
  return (
    <>
      <button type="button" className={BUTTON} onClick={() => setOpen(true)} disabled={!ready} title={t('button.title')} data-testid="share-button">
        {t('button.label')}
      </button>
      {open && (
        <Suspense fallback={null}>
          <ShareDialog onClose={() => setOpen(false)} />
        </Suspense>
      )}
    </>
  );
}
