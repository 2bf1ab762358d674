import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DecodeResult } from './codec';
import { decodeErrorText } from './decodeErrorText';

/** Says why a shared link's workspace was not opened; the page goes on as without the link. */
export function ShareNotice({ shared }: { shared: DecodeResult | null }) {
  const { t } = useTranslation('share');
  const [open, setOpen] = useState(true);
  if (!shared || shared.ok || !open) return null;
  return (
    <div role="alert" className="fixed top-14 left-1/2 z-50 w-[min(36rem,calc(100vw-2rem))] -translate-x-1/2 rounded-lg border border-red-200 bg-white p-4 shadow-xl" data-testid="share-error">
      <p className="text-[14px] font-semibold text-red-700">{t('notice.title')}</p>
      <p className="mt-1 text-[13px] text-slate-700">{decodeErrorText(t, shared.error)}</p>
      <p className="mt-1 text-[12.5px] text-slate-500">{t('notice.safe')}</p>
      <button type="button" onClick={() => setOpen(false)} className="mt-3 rounded-md bg-sky-600 px-3 py-1 text-[12.5px] font-semibold text-white hover:bg-sky-700">
        {t('notice.dismiss')}
      </button>
    </div>
  );
}
