/** "Redact": before sharing, replace addresses and names in every dump (the engine's redactInputs, through the store). */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BUTTON } from '../shell/classes';
import { useHopscope } from '../store/StoreProvider';

export function RedactSection() {
  const { t } = useTranslation('privacy');
  const count = useHopscope((s) => s.workspace.inputs.length);
  const redactWorkspace = useHopscope((s) => s.redactWorkspace);
  const [status, setStatus] = useState<'idle' | 'working' | { addresses: number; macs: number; names: number }>('idle');
  if (count === 0) return null;
  const redact = async () => {
    setStatus('working');
    setStatus(await redactWorkspace());
  };
  return (
    <section aria-labelledby="ws-redact" className="space-y-1.5 border-t border-slate-200 px-3 py-3" data-testid="redact-section">
      <h2 id="ws-redact" className="text-[13px] font-semibold text-slate-800">
        {t('redact.title')}
      </h2>
      <p className="text-[12px] text-slate-500">{t('redact.hint')}</p>
      <button type="button" className={BUTTON} disabled={status === 'working'} onClick={() => void redact()} data-testid="redact-button">
        {status === 'working' ? t('redact.working') : t('redact.button')}
      </button>
      {typeof status === 'object' && (
        <p className="text-[12px] text-slate-600" role="status" data-testid="redact-status">
          {t('redact.done', status)}
        </p>
      )}
    </section>
  );
}
