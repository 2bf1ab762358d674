import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BUTTON } from '../shell/classes';

/** A read-only text (a link, a snippet) with a Copy button; if the clipboard is refused, the text is selected to copy by hand. */
export function CopyField({ label, value, testId, rows = 1 }: { label: string; value: string; testId: string; rows?: number }) {
  const { t } = useTranslation('share');
  const [status, setStatus] = useState<'idle' | 'copied' | 'manual'>('idle');
  const [field, setField] = useState<HTMLTextAreaElement | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setStatus('copied');
    } catch {
      field?.select();
      setStatus('manual');
    }
  };
  return (
    <div className="space-y-1">
      <div className="flex items-end gap-2">
        <label className="min-w-0 flex-1">
          <span className="sr-only">{label}</span>
          <textarea
            ref={setField}
            readOnly
            value={value}
            rows={rows}
            spellCheck={false}
            onFocus={(e) => e.currentTarget.select()}
            className="block w-full resize-none rounded-md border border-slate-300 bg-slate-50 px-2 py-1 font-mono text-[11.5px] leading-snug break-all text-slate-800"
            data-testid={testId}
          />
        </label>
        <button type="button" className={BUTTON} onClick={() => void copy()} data-testid={`${testId}-copy`}>
          {t('copy.copy')}
        </button>
      </div>
      <p role="status" aria-live="polite" className="min-h-[1.1em] text-[11.5px] text-emerald-700">
        {status === 'copied' ? t('copy.copied') : status === 'manual' ? t('copy.manual') : ''}
      </p>
    </div>
  );
}
