/**
 * "Share and export": a link to this hop (for a workspace of one's own, the whole workspace
 * rides in the link's fragment), the <iframe> snippet of the compact player, the workspace as a
 * file (for workspaces too large for a link), and the exports.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { localize } from '../../engine';
import { useExportActions, type ExportKind } from '../export/useExportActions';
import { downloadBlob, fileStem } from '../export/download';
import { LANGUAGE_NAMES } from '../i18n';
import { BUTTON } from '../shell/classes';
import { useHopscope, useHopscopeApi } from '../store/StoreProvider';
import { workspaceWithTexts } from '../store/inputContent';
import { MAX_FRAGMENT_CHARS } from './limits';
import { CopyField } from './CopyField';
import { decodeErrorText } from './decodeErrorText';
import { iframeSnippet, shareUrl, type ShareTarget } from './fragment';
import { useEncodedWorkspace } from './useEncodedWorkspace';
import { readWorkspaceFile, workspaceFileText, WORKSPACE_FILE_SUFFIX } from './workspaceFile';

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="space-y-1.5 border-t border-slate-200 pt-3">
      <h3 className="text-[13px] font-semibold text-slate-900">{title}</h3>
      {children}
    </section>
  );
}

function appBase(): string {
  return `${window.location.origin}${window.location.pathname}`;
}

export function ShareDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('share');
  const store = useHopscopeApi();
  const mode = useHopscope((s) => s.mode);
  const scenarioId = useHopscope((s) => s.scenarioId);
  const scenario = useHopscope((s) => s.scenario);
  const workspace = useHopscope((s) => s.workspace);
  const step = useHopscope((s) => s.step);
  const lang = useHopscope((s) => s.lang);
  const centre = useHopscope((s) => s.centre);
  const hasTrace = useHopscope((s) => s.hops.length > 0);
  const restoreWorkspace = useHopscope((s) => s.restoreWorkspace);
  const runExport = useExportActions();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [fileStatus, setFileStatus] = useState('');
  const [exportError, setExportError] = useState('');

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  // Encoding a large workspace takes a moment: once per opening, not per render, off the render.
  const encoded = useEncodedWorkspace(mode, workspace);
  const target: ShareTarget | null = mode === 'scenario' && scenarioId ? { mode: 'scenario', scenario: scenarioId } : encoded?.ok ? { mode: 'workspace', encoded: encoded.text } : null;
  const title = scenario ? localize(scenario.title, lang) : t('html.workspaceTitle');
  const link = target ? shareUrl({ base: appBase(), target, step, lang }) : null;
  const embed = target ? shareUrl({ base: appBase(), target, step, lang, embed: true }) : null;

  const saveFile = async () => {
    const stem = fileStem(scenarioId ?? 'workspace');
    const texts = await workspaceWithTexts(store.getState().workspace);
    downloadBlob(new Blob([workspaceFileText(texts)], { type: 'application/json' }), `${stem}${WORKSPACE_FILE_SUFFIX}`);
  };
  const openFile = async (file: File | undefined) => {
    if (!file) return;
    const result = await readWorkspaceFile(file);
    if (!result.ok) {
      setFileStatus(t('file.failed', { name: file.name, reason: decodeErrorText(t, result.error) }));
      return;
    }
    onClose();
    await restoreWorkspace(result.workspace);
  };
  const exportAs = (kind: ExportKind) => {
    setExportError('');
    runExport(kind).catch((e: unknown) => setExportError(t('export.failed', { reason: e instanceof Error ? e.message : String(e) })));
  };

  return (
    <dialog
      ref={dialogRef}
      aria-labelledby="share-title"
      onClose={onClose}
      // The player's keys stay out of the dialog: Space presses a button here, it does not play.
      onKeyDown={(e) => e.stopPropagation()}
      className="m-auto max-h-[90vh] w-[min(40rem,calc(100vw-2rem))] overflow-y-auto rounded-xl border border-slate-200 bg-white p-5 text-slate-900 shadow-2xl backdrop:bg-slate-900/40"
      data-testid="share-dialog"
    >
      <div className="flex items-start justify-between gap-4">
        <h2 id="share-title" className="text-[16px] font-semibold">
          {t('dialog.title')}
        </h2>
        <button type="button" className={BUTTON} onClick={() => dialogRef.current?.close()} data-testid="share-close">
          {t('dialog.close')}
        </button>
      </div>
      <div className="mt-3 space-y-4">
        {encoded && !encoded.ok ? (
          <div role="alert" className="rounded-lg border border-amber-300 bg-amber-50 p-3" data-testid="share-too-large">
            <p className="text-[13.5px] font-semibold text-amber-900">{t('tooLarge.title')}</p>
            <p className="mt-1 text-[13px] text-amber-900">{t(encoded.complete ? 'tooLarge.body' : 'tooLarge.bodyAtLeast', { chars: encoded.chars, limit: encoded.limit })}</p>
          </div>
        ) : (
          link &&
          embed && (
            <>
              <Section title={t('link.heading')}>
                <p className="text-[12.5px] text-slate-600">
                  {mode === 'scenario' ? t('link.scenarioNote', { title, step: step + 1, language: LANGUAGE_NAMES[lang] }) : t('link.workspaceNote')}
                </p>
                <CopyField label={t('link.heading')} value={link} testId="share-link" rows={mode === 'workspace' ? 3 : 1} />
                {encoded?.ok && <p className="text-[11.5px] text-slate-500">{t('link.size', { chars: encoded.text.length, limit: MAX_FRAGMENT_CHARS })}</p>}
              </Section>
              <Section title={t('embed.heading')}>
                <p className="text-[12.5px] text-slate-600">{t('embed.note')}</p>
                <CopyField label={t('embed.heading')} value={iframeSnippet(embed, title)} testId="embed-snippet" rows={3} />
              </Section>
            </>
          )
        )}
        <Section title={t('file.heading')}>
          <p className="text-[12.5px] text-slate-600">{t('file.note')}</p>
          <div className="flex flex-wrap items-center gap-2">
            <button type="button" className={BUTTON} onClick={() => void saveFile()} disabled={workspace.inputs.length === 0} data-testid="save-workspace-file">
              {t('file.save')}
            </button>
            <label className={`${BUTTON} cursor-pointer`}>
              {t('file.open')}
              <input type="file" accept=".json,application/json" className="sr-only" onChange={(e) => void openFile(e.target.files?.[0])} data-testid="open-workspace-file" />
            </label>
          </div>
          <p role="status" className="text-[12px] text-red-700" data-testid="workspace-file-status">
            {fileStatus}
          </p>
        </Section>
        <Section title={t('export.heading')}>
          <p className="text-[12.5px] text-slate-600">{t('export.note')}</p>
          <div className="flex flex-wrap items-center gap-2">
            <button type="button" className={BUTTON} disabled={!hasTrace || centre !== 'topology'} onClick={() => exportAs('svg')} data-testid="export-svg">
              {t('export.svg')}
            </button>
            <button type="button" className={BUTTON} disabled={!hasTrace || centre !== 'topology'} onClick={() => exportAs('png')} data-testid="export-png">
              {t('export.png')}
            </button>
            <button type="button" className={BUTTON} disabled={!hasTrace} onClick={() => exportAs('html')} data-testid="export-html">
              {t('export.html')}
            </button>
          </div>
          {hasTrace && centre !== 'topology' && <p className="text-[12px] text-slate-500">{t('export.needTopology')}</p>}
          {exportError && (
            <p role="alert" className="text-[12px] text-red-700">
              {exportError}
            </p>
          )}
        </Section>
      </div>
    </dialog>
  );
}
