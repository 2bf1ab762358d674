/**
 * Edits one dump's text in place of the file viewer's lines. Applying traces again; a scenario's
 * dump edited this way makes the dumps the user's own workspace (the bundled scenario is untouched).
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BUTTON, BUTTON_PRIMARY } from '../shell/classes';
import { useHopscope } from '../store/StoreProvider';

const LINE_PX = 18;

/** Where line `line` (1-based) starts in `text`. */
function lineOffset(text: string, line: number): number {
  let offset = 0;
  for (let n = 1; n < line; n++) {
    const next = text.indexOf('\n', offset);
    if (next < 0) break;
    offset = next + 1;
  }
  return offset;
}

export function DumpEditor({ file, text, line, onDone }: { file: string; text: string; line: number; onDone: () => void }) {
  const { t } = useTranslation('dumps');
  const [draft, setDraft] = useState(text);
  const setInputText = useHopscope((s) => s.setInputText);
  const inScenario = useHopscope((s) => s.mode === 'scenario');
  const ref = useRef<HTMLTextAreaElement>(null);
  // The caret starts on the line the viewer showed, so the edit begins where the reader was.
  useEffect(() => {
    const area = ref.current;
    if (!area) return;
    const at = lineOffset(area.value, line);
    area.focus();
    area.setSelectionRange(at, at);
    area.scrollTop = Math.max(0, (line - 6) * LINE_PX);
  }, [line]);
  const apply = () => {
    if (draft !== text) void setInputText(file, draft);
    onDone();
  };
  return (
    <div className="flex min-h-0 flex-1 flex-col" data-testid="dump-editor">
      {inScenario && (
        <p className="border-b border-amber-200 bg-amber-50 px-3 py-1.5 text-[12.5px] text-amber-900" data-testid="dump-editor-note">
          {t('editor.scenarioNote')}
        </p>
      )}
      <textarea
        ref={ref}
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            apply();
          }
        }}
        spellCheck={false}
        wrap="off"
        aria-label={t('editor.label', { file })}
        className="min-h-0 flex-1 resize-none border-0 bg-white p-3 font-mono text-[12px] leading-[18px] text-slate-800 focus-visible:outline-2 focus-visible:-outline-offset-2"
        data-testid="dump-editor-text"
      />
      <div className="flex items-center gap-2 border-t border-slate-200 bg-slate-50 px-3 py-1.5">
        <span className="flex-1 text-[11.5px] text-slate-500">{t('editor.keys')}</span>
        <button type="button" className={BUTTON} onClick={onDone} data-testid="dump-editor-cancel">
          {t('editor.cancel')}
        </button>
        <button type="button" className={BUTTON_PRIMARY} onClick={apply} disabled={draft === text} data-testid="dump-editor-apply">
          {t('editor.apply')}
        </button>
      </div>
    </div>
  );
}
