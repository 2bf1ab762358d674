/** One dump in the workspace: what it was taken for (changeable), where it belongs, its problems. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { INPUT_FORMATS, renderMessage } from '../../engine';
import type { InputFormat } from '../../engine';
import { BUTTON_GHOST, FIELD, SELECT } from '../shell/classes';
import { useHopscope } from '../store/StoreProvider';
import type { WorkspaceInput } from '../store/types';

/** A text field that commits on blur or Enter, so typing a node name does not re-read every dump per keystroke. */
function CommitField({ value, label, placeholder, onCommit }: { value: string; label: string; placeholder: string; onCommit: (v: string) => void }) {
  const [draft, setDraft] = useState(value);
  const [prev, setPrev] = useState(value);
  if (prev !== value) {
    setPrev(value);
    setDraft(value);
  }
  return (
    <label className="flex min-w-0 items-center gap-1 text-[11px] text-slate-500">
      <span className="shrink-0 whitespace-nowrap">{label}</span>
      <input
        value={draft}
        placeholder={placeholder}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={() => draft !== value && onCommit(draft.trim())}
        onKeyDown={(e) => {
          if (e.key === 'Enter') (e.target as HTMLInputElement).blur();
        }}
        className={`${FIELD} py-0.5 font-mono text-[11.5px]`}
      />
    </label>
  );
}

export function InputRow({ input }: { input: WorkspaceInput }) {
  const { t } = useTranslation(['workspace', 'common']);
  const report = useHopscope((s) => (s.parsedRev === s.inputsRev ? s.reports.find((r) => r.name === input.name) : undefined));
  const parsing = useHopscope((s) => s.parseStatus === 'parsing');
  const updateInput = useHopscope((s) => s.updateInput);
  const removeInput = useHopscope((s) => s.removeInput);
  const openFile = useHopscope((s) => s.openFile);
  const lang = useHopscope((s) => s.lang);

  const slash = input.name.lastIndexOf('/');
  const dir = slash >= 0 ? input.name.slice(0, slash + 1) : '';
  const base = input.name.slice(slash + 1);
  const status = !report ? (
    <span className="text-slate-400">{parsing ? t('input.reading') : ''}</span>
  ) : report.format === 'unknown' ? (
    <span className="font-semibold text-red-700">{t('input.unknown')}</span>
  ) : report.errors ? (
    <span className="font-semibold text-red-700">{t('input.errors', { count: report.errors })}</span>
  ) : report.warnings ? (
    <span className="font-semibold text-amber-700">{t('input.warnings', { count: report.warnings })}</span>
  ) : (
    <span className="font-semibold text-emerald-700">{t('input.ok')}</span>
  );

  return (
    <li className="rounded-md border border-slate-200 bg-white px-2 py-1.5" data-testid="input-row" data-name={input.name} data-format={report?.format}>
      <div className="flex items-center gap-2">
        <span className="flex min-w-0 flex-1 font-mono text-[12px]" title={input.name}>
          {/* The folder part gives way first, from its start; the file's own name stays readable. */}
          <span className="truncate text-left text-slate-500 [direction:rtl]">
            <bdi dir="ltr">{dir}</bdi>
          </span>
          <span className="shrink-0 font-semibold text-slate-800">{base}</span>
        </span>
        <span className="shrink-0 text-[11px]" data-testid="input-status">
          {status}
        </span>
        <button type="button" className={BUTTON_GHOST} onClick={() => openFile({ file: input.name, line: 1 })} aria-label={t('input.openNamed', { name: input.name })}>
          {t('input.open')}
        </button>
        <button type="button" className={`${BUTTON_GHOST} text-red-700`} onClick={() => void removeInput(input.name)} aria-label={t('input.removeNamed', { name: input.name })}>
          ✕
        </button>
      </div>
      <div className="mt-1 grid grid-cols-2 items-center gap-x-2 gap-y-1">
        <label className="col-span-2 flex min-w-0 items-center gap-1 text-[11px] text-slate-500">
          <span className="shrink-0 whitespace-nowrap">{t('input.format')}</span>
          <select
            value={input.format ?? ''}
            onChange={(e) => void updateInput(input.name, { format: (e.target.value || undefined) as InputFormat | undefined })}
            className={`${SELECT} w-full py-0.5 text-[11.5px]`}
            data-testid="format-select"
            aria-label={t('input.formatOf', { name: input.name })}
            title={report ? t('input.confidence', { reason: renderMessage(report.detected.why, lang), percent: Math.round(report.detected.confidence * 100) }) : undefined}
          >
            <option value="">{t('input.detected', { format: report?.detected.format ?? '…' })}</option>
            {INPUT_FORMATS.map((f) => (
              <option key={f} value={f}>
                {f}
              </option>
            ))}
          </select>
        </label>
        <CommitField value={input.node ?? ''} label={t('input.node')} placeholder={t('input.nodePlaceholder')} onCommit={(v) => void updateInput(input.name, { node: v })} />
        <CommitField value={input.netns ?? ''} label={t('input.netns')} placeholder={t('common:host')} onCommit={(v) => void updateInput(input.name, { netns: v })} />
      </div>
      {report && (
        <p className="mt-0.5 truncate text-[10.5px] text-slate-400" title={renderMessage(report.detected.why, lang)}>
          {t('input.lines', { count: report.lines })} · {renderMessage(report.detected.why, lang)}
        </p>
      )}
    </li>
  );
}
