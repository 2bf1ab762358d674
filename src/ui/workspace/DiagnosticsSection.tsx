/** Every diagnostic with its file:line:column; a click opens the dump at that line. */
import { useTranslation } from 'react-i18next';
import { renderMessage, type Diagnostic } from '../../engine';
import { useHopscope } from '../store/StoreProvider';

const LIMIT = 300;

const SEVERITY: Record<Diagnostic['severity'], string> = {
  error: 'text-red-700',
  warning: 'text-amber-700',
  info: 'text-slate-500',
};

export function DiagnosticsList({ diagnostics }: { diagnostics: Diagnostic[] }) {
  const { t } = useTranslation('workspace');
  const openFile = useHopscope((s) => s.openFile);
  const lang = useHopscope((s) => s.lang);
  return (
    <ul className="space-y-0.5" data-testid="diagnostics">
      {diagnostics.slice(0, LIMIT).map((d, i) => (
        <li key={i}>
          <button
            type="button"
            onClick={() => openFile({ file: d.file, line: d.line, column: d.column, ...(d.endColumn ? { endColumn: d.endColumn } : {}) })}
            aria-label={t('diagnostics.open', { file: d.file, line: d.line })}
            data-testid="diagnostic"
            data-file={d.file}
            data-line={d.line}
            className="w-full rounded px-1 py-0.5 text-left text-[12px] leading-snug hover:bg-slate-100"
          >
            <span className="font-mono text-sky-700 underline decoration-sky-300 underline-offset-2">
              {d.file}:{d.line}:{d.column}
            </span>{' '}
            <span className={`font-semibold ${SEVERITY[d.severity]}`}>
              {t(`diagnostics.severity.${d.severity}`)} {d.code}
            </span>{' '}
            <span className="text-slate-800" data-testid="diagnostic-message">{renderMessage(d.text, lang)}</span>
            {d.hintText && <span className="block pl-4 text-slate-500">{t('diagnostics.hint', { hint: renderMessage(d.hintText, lang) })}</span>}
          </button>
        </li>
      ))}
      {diagnostics.length > LIMIT && <li className="px-1 text-[12px] text-slate-500">{t('diagnostics.more', { count: diagnostics.length - LIMIT })}</li>}
    </ul>
  );
}

export function DiagnosticsSection() {
  const { t } = useTranslation('workspace');
  const diagnostics = useHopscope((s) => s.diagnostics);
  const ready = useHopscope((s) => s.parseStatus === 'ready');
  if (!ready) return null;
  return (
    <section aria-labelledby="ws-diagnostics" className="space-y-1.5 border-t border-slate-200 px-3 py-3" data-testid="diagnostics-section">
      <h2 id="ws-diagnostics" className="text-[13px] font-semibold text-slate-800">
        {t('diagnostics.title')} <span className="font-normal text-slate-400">{t('inputs.count', { count: diagnostics.length })}</span>
      </h2>
      {diagnostics.length ? <DiagnosticsList diagnostics={diagnostics} /> : <p className="text-[12px] text-slate-500">{t('diagnostics.none')}</p>}
    </section>
  );
}
