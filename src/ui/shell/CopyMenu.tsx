/**
 * Copy the trace as text or Markdown, for a ticket or a chat. When the clipboard is refused,
 * the text is shown selected in a box to copy by hand.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { localize } from '../../engine';
import { traceAsMarkdown, traceAsText } from '../export/traceExport';
import { fixedT } from '../i18n';
import { useHopscope, useHopscopeApi } from '../store/StoreProvider';
import { BUTTON } from './classes';

export function CopyMenu() {
  const { t } = useTranslation(['shell', 'common']);
  const store = useHopscopeApi();
  const hasTrace = useHopscope((s) => s.hops.length > 0);
  const [status, setStatus] = useState('');
  const [manual, setManual] = useState<string | null>(null);

  const copy = async (kind: 'text' | 'markdown') => {
    const s = store.getState();
    if (!s.trace) return;
    const ctx = { trace: s.trace, lang: s.lang, packet: s.workspace.packet.spec, from: s.workspace.packet.in ? fixedT(s.lang, 'export')('fromIn', { from: s.workspace.packet.from, iface: s.workspace.packet.in }) : s.workspace.packet.from, ...(s.scenario ? { title: localize(s.scenario.title, s.lang) } : {}) };
    const text = kind === 'markdown' ? traceAsMarkdown(ctx) : traceAsText(ctx);
    try {
      await navigator.clipboard.writeText(text);
      setStatus(kind === 'markdown' ? t('copy.copiedMarkdown') : t('copy.copiedText'));
      window.setTimeout(() => setStatus(''), 2500);
    } catch {
      setManual(text);
    }
  };

  return (
    <div className="relative flex items-center gap-1" role="group" aria-label={t('copy.label')}>
      <button type="button" className={BUTTON} disabled={!hasTrace} onClick={() => void copy('text')} data-testid="copy-text">
        {t('copy.text')}
      </button>
      <button type="button" className={BUTTON} disabled={!hasTrace} onClick={() => void copy('markdown')} data-testid="copy-markdown">
        {t('copy.markdown')}
      </button>
      <span role="status" aria-live="polite" className="absolute top-full right-0 z-40 mt-1 text-[11.5px] whitespace-nowrap text-emerald-700" data-testid="copy-status">
        {status}
      </span>
      {manual !== null && (
        <div role="dialog" aria-label={t('copy.manual')} className="absolute top-full right-0 z-50 mt-2 w-[32rem] rounded-lg border border-slate-300 bg-white p-3 shadow-xl">
          <p className="mb-2 text-[12.5px] text-slate-700">{t('copy.manual')}</p>
          <textarea readOnly value={manual} rows={12} className="w-full rounded border border-slate-300 bg-slate-50 p-2 font-mono text-[11px] text-slate-800" ref={(el) => el?.select()} />
          <button type="button" className={`${BUTTON} mt-2`} onClick={() => setManual(null)}>
            {t('common:close')}
          </button>
        </div>
      )}
    </div>
  );
}
