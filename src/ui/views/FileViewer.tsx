/**
 * A dump as text: monospace, line numbers, virtualised so a million-line file scrolls like a
 * short one. Opens scrolled to a line (a diagnostic's, or a rule's "decided by") and marks it.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DumpEditor } from '../dumps/DumpEditor';
import { EditDumpButton } from '../dumps/EditDumpButton';
import { useHopscope } from '../store/StoreProvider';
import { useInputText } from '../store/useInputText';

const ROW = 18;

/** The line with the diagnostic's columns marked (to the end of the word when no end is known). */
function MarkedLine({ text, column, endColumn }: { text: string; column?: number; endColumn?: number }) {
  if (!column || column < 1 || column > text.length) return <>{text}</>;
  const start = column - 1;
  let end = endColumn && endColumn > column ? endColumn - 1 : text.indexOf(' ', start);
  if (end < 0 || end <= start) end = text.length;
  return (
    <>
      {text.slice(0, start)}
      <mark className="rounded-sm bg-amber-300 text-slate-900" data-testid="marked-span">
        {text.slice(start, end)}
      </mark>
      {text.slice(end)}
    </>
  );
}

export function FileViewer() {
  const { t } = useTranslation(['views', 'common']);
  const view = useHopscope((s) => s.fileView);
  const openFile = useHopscope((s) => s.openFile);
  const text = useInputText(view?.file ?? null);
  const lines = useMemo(() => (text === undefined ? [] : text.split('\n')), [text]);
  const scrollRef = useRef<HTMLDivElement>(null);
  // The file being edited; another file opened in the viewer leaves the editor.
  const [editing, setEditing] = useState<string | null>(null);
  const dialogRef = useRef<HTMLDivElement>(null);
  // Not memoised by a compiler here; the virtualizer re-renders the rows it owns.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({ count: lines.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW, overscan: 20 });

  const target = view?.line ?? 1;
  // Focus goes back to whatever opened the viewer when it closes.
  const opener = useRef<HTMLElement | null>(null);
  const open = view !== null;
  useEffect(() => {
    if (!open) return;
    opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    return () => opener.current?.focus();
  }, [open]);
  useEffect(() => {
    if (!view || lines.length === 0) return;
    virtualizer.scrollToIndex(Math.min(target, lines.length) - 1, { align: 'center' });
    dialogRef.current?.focus();
  }, [view, target, lines.length, virtualizer]);

  if (!view) return null;
  const digits = String(lines.length).length;
  return (
    <div
      ref={dialogRef}
      role="dialog"
      aria-label={t('file.title', { file: view.file })}
      tabIndex={-1}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          openFile(null);
        }
      }}
      className="absolute inset-2 z-30 flex flex-col overflow-hidden rounded-lg border border-slate-300 bg-white shadow-xl"
      data-testid="file-viewer"
      data-file={view.file}
      data-line={target}
    >
      <header className="flex items-center gap-3 border-b border-slate-200 bg-slate-50 px-3 py-1.5">
        <h2 className="min-w-0 flex-1 truncate font-mono text-[12.5px] font-semibold text-slate-800">
          {view.file}
          <span className="ml-2 font-sans font-normal text-slate-500">
            {t('file.line', { n: target })} · {t('file.lines', { count: lines.length })}
          </span>
        </h2>
        {text !== undefined && editing !== view.file && <EditDumpButton onEdit={() => setEditing(view.file)} />}
        <button type="button" onClick={() => openFile(null)} className="rounded px-2 py-0.5 text-[12.5px] text-slate-600 hover:bg-slate-200" data-testid="file-viewer-close">
          {t('common:close')} ✕
        </button>
      </header>
      {text !== undefined && editing === view.file ? (
        <DumpEditor file={view.file} text={text} line={target} onDone={() => setEditing(null)} />
      ) : text === undefined ? (
        <p className="p-4 text-[13px] text-slate-600">{t('file.missing', { file: view.file })}</p>
      ) : (
        <div ref={scrollRef} className="min-h-0 flex-1 overflow-auto font-mono text-[12px]" data-testid="file-lines">
          <div className="relative min-w-max" style={{ height: virtualizer.getTotalSize() }}>
            {virtualizer.getVirtualItems().map((row) => {
              const n = row.index + 1;
              const hit = n === target;
              return (
                <div
                  key={row.key}
                  className={`absolute left-0 flex w-full whitespace-pre ${hit ? 'bg-amber-100 text-slate-900' : 'text-slate-800'}`}
                  style={{ top: row.start, height: ROW }}
                  data-line={n}
                  data-current={hit || undefined}
                  aria-current={hit ? 'true' : undefined}
                >
                  <span className={`sticky left-0 shrink-0 border-r border-slate-200 pr-2 pl-3 text-right select-none ${hit ? 'bg-amber-200 font-semibold text-amber-900' : 'bg-slate-50 text-slate-400'}`} style={{ width: `${digits + 2.5}ch` }}>
                    {n}
                  </span>
                  <span className="pr-4 pl-3">{hit ? <MarkedLine text={lines[row.index] ?? ''} column={view.column} endColumn={view.endColumn} /> : lines[row.index]}</span>
                </div>
              );
            })}
          </div>
        </div>
      )}
    </div>
  );
}
