/**
 * Copy the trace as text or Markdown, for a ticket or a chat. When the clipboard is refused,
 * the text is shown selected in a box to copy by hand.
 */
import { useState } from 'react';
import { localize } from '../../engine';
import { traceAsMarkdown, traceAsText } from '../export/traceExport';
import { useHopscope, useHopscopeApi } from '../store/StoreProvider';
import { BUTTON } from './classes';

const S = {
  copy: 'Copy trace',
  text: 'Copy as text',
  markdown: 'Copy as Markdown',
  copied: (what: string) => `Copied as ${what}.`,
  manual: 'The clipboard is not available here; copy the text below.',
  close: 'Close',
};

export function CopyMenu() {
  const store = useHopscopeApi();
  const hasTrace = useHopscope((s) => s.hops.length > 0);
  const [status, setStatus] = useState('');
  const [manual, setManual] = useState<string | null>(null);

  const copy = async (kind: 'text' | 'markdown') => {
    const s = store.getState();
    if (!s.trace) return;
    const ctx = { trace: s.trace, lang: s.lang, packet: s.workspace.packet.spec, from: `${s.workspace.packet.from}${s.workspace.packet.in ? ` (in ${s.workspace.packet.in})` : ''}`, ...(s.scenario ? { title: localize(s.scenario.title, s.lang) } : {}) };
    const text = kind === 'markdown' ? traceAsMarkdown(ctx) : traceAsText(ctx);
    try {
      await navigator.clipboard.writeText(text);
      setStatus(S.copied(kind === 'markdown' ? 'Markdown' : 'text'));
      window.setTimeout(() => setStatus(''), 2500);
    } catch {
      setManual(text);
    }
  };

  return (
    <div className="relative flex items-center gap-1" role="group" aria-label={S.copy}>
      <button type="button" className={BUTTON} disabled={!hasTrace} onClick={() => void copy('text')} data-testid="copy-text">
        {S.text}
      </button>
      <button type="button" className={BUTTON} disabled={!hasTrace} onClick={() => void copy('markdown')} data-testid="copy-markdown">
        {S.markdown}
      </button>
      <span role="status" aria-live="polite" className="absolute top-full right-0 z-40 mt-1 text-[11.5px] whitespace-nowrap text-emerald-700" data-testid="copy-status">
        {status}
      </span>
      {manual !== null && (
        <div role="dialog" aria-label={S.manual} className="absolute top-full right-0 z-50 mt-2 w-[32rem] rounded-lg border border-slate-300 bg-white p-3 shadow-xl">
          <p className="mb-2 text-[12.5px] text-slate-700">{S.manual}</p>
          <textarea readOnly value={manual} rows={12} className="w-full rounded border border-slate-300 bg-slate-50 p-2 font-mono text-[11px] text-slate-800" ref={(el) => el?.select()} />
          <button type="button" className={`${BUTTON} mt-2`} onClick={() => setManual(null)}>
            {S.close}
          </button>
        </div>
      )}
    </div>
  );
}
