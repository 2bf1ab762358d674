/**
 * A collapsible corner panel: the engine's diagnostics (with file:line:column) and the
 * assumptions the simulation made anywhere in the trace. Closed by default, so it never hides
 * the picture; its summary says how many there are.
 */
import { useTranslation } from 'react-i18next';
import { renderMessage } from '../../engine';
import type { Diagnostic, Msg } from '../../engine';
import { AssumptionIcon, ErrorIcon } from '../icons/NoteIcons';
import { useHopscope } from '../store/StoreProvider';
import { DiagnosticsList } from '../workspace/DiagnosticsSection';

const NONE: Msg[] = [];

const NO_DIAGNOSTICS: Diagnostic[] = [];

/** `withDiagnostics` false: only the assumptions (the workspace panel lists the diagnostics). */
export function IssuesPanel({ withDiagnostics = true }: { withDiagnostics?: boolean }) {
  const { t } = useTranslation('shell');
  const diagnostics = useHopscope((s) => (withDiagnostics ? s.diagnostics : NO_DIAGNOSTICS));
  // A stable empty array: a fresh [] per call would make the store look changed forever.
  const assumptions = useHopscope((s) => s.trace?.assumptions ?? NONE);
  const lang = useHopscope((s) => s.lang);
  if (!diagnostics.length && !assumptions.length) return null;
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  return (
    <details
      className="group absolute bottom-3 left-3 max-h-[60%] max-w-[min(42rem,calc(100%-1.5rem))] overflow-y-auto rounded-lg border border-slate-200 bg-white/95 text-[12.5px] shadow-md backdrop-blur"
      data-testid="issues-panel"
    >
      <summary className="flex cursor-pointer list-none items-center gap-3 px-3 py-1.5 font-medium text-slate-700 select-none focus-visible:outline-2 focus-visible:outline-sky-500">
        <span className="text-slate-400 transition-transform group-open:rotate-90" aria-hidden="true">
          ▸
        </span>
        {diagnostics.length > 0 && (
          <span className={`flex items-center gap-1 ${errors ? 'text-red-700' : 'text-amber-700'}`} data-testid="diagnostics-count">
            <ErrorIcon className="h-3.5 w-3.5" />
            {t('issues.diagnostics', { count: diagnostics.length })}
          </span>
        )}
        {assumptions.length > 0 && (
          <span className="flex items-center gap-1 text-amber-700">
            <AssumptionIcon className="h-3.5 w-3.5" />
            {t('issues.assumptions', { count: assumptions.length })}
          </span>
        )}
      </summary>
      <div className="space-y-2 border-t border-slate-200 px-3 py-2">
        {diagnostics.length > 0 && <DiagnosticsList diagnostics={diagnostics} />}
        {assumptions.length > 0 && (
          <ul className="space-y-1">
            {assumptions.map((a, i) => (
              <li key={i} className="flex gap-1.5 leading-snug text-amber-900">
                <AssumptionIcon className="mt-0.5 h-3.5 w-3.5 shrink-0 text-amber-600" />
                {renderMessage(a, lang)}
              </li>
            ))}
          </ul>
        )}
      </div>
    </details>
  );
}
