/**
 * Getting dumps in: paste, drop files or a whole folder, or pick them. Large pastes skip the
 * text box (a 50 MB paste would stall it) and go straight into the workspace.
 */
import { useRef, useState } from 'react';
import type { ClipboardEvent, DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { BUTTON, BUTTON_PRIMARY, FIELD } from '../shell/classes';
import { useHopscope } from '../store/StoreProvider';
import type { WorkspaceInput } from '../store/types';
import { InputRow } from './InputRow';
import { LargeInputNotice } from './LargeInputNotice';
import { tooLarge } from './largeInputs';
import { readDrop, readFileList } from './readFiles';

const BIG_PASTE = 256 * 1024;
/** A file name, not words: the same in every language. */
const DEFAULT_NAME = 'pasted.txt';

export function InputsSection() {
  const { t } = useTranslation('workspace');
  const inputs = useHopscope((s) => s.workspace.inputs);
  const addToWorkspace = useHopscope((s) => s.addInputs);
  // Inputs above the supported size wait here until the user says to parse them anyway.
  const [pending, setPending] = useState<WorkspaceInput[] | null>(null);
  const addInputs = async (added: WorkspaceInput[]) => {
    if (added.some(tooLarge)) setPending(added);
    else await addToWorkspace(added);
  };
  const [text, setText] = useState('');
  const [name, setName] = useState('');
  const [dragging, setDragging] = useState(false);
  const [note, setNote] = useState('');
  const fileRef = useRef<HTMLInputElement>(null);
  const folderRef = useRef<HTMLInputElement>(null);

  const add = () => {
    if (!text.trim()) return;
    void addInputs([{ name: name.trim() || DEFAULT_NAME, text }]);
    setText('');
    setName('');
  };

  const onPaste = (e: ClipboardEvent<HTMLTextAreaElement>) => {
    const pasted = e.clipboardData.getData('text/plain');
    if (pasted.length < BIG_PASTE || text) return;
    e.preventDefault();
    void addInputs([{ name: name.trim() || DEFAULT_NAME, text: pasted }]);
    setNote(t('inputs.bigPaste', { mb: (pasted.length / 1e6).toFixed(1) }));
  };

  const onDrop = async (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    const files = await readDrop(e.dataTransfer);
    if (files.length) void addInputs(files);
  };

  return (
    <section aria-labelledby="ws-inputs" className="space-y-2 px-3 py-3" data-testid="inputs-section">
      <h2 id="ws-inputs" className="text-[13px] font-semibold text-slate-800">
        {t('inputs.title')} <span className="font-normal text-slate-400">{t('inputs.count', { count: inputs.length })}</span>
      </h2>
      <div
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => void onDrop(e)}
        data-testid="drop-zone"
        className={`rounded-lg border-2 border-dashed px-2 py-2 text-center text-[12px] text-slate-500 ${dragging ? 'border-sky-400 bg-sky-50' : 'border-slate-300'}`}
      >
        {t('inputs.drop')} <span className="text-slate-400">{t('inputs.or')}</span>{' '}
        <span className="inline-flex gap-1">
          <button type="button" className={BUTTON} onClick={() => fileRef.current?.click()}>
            {t('inputs.pickFiles')}
          </button>
          <button type="button" className={BUTTON} onClick={() => folderRef.current?.click()}>
            {t('inputs.pickFolder')}
          </button>
        </span>
        <input
          ref={fileRef}
          type="file"
          multiple
          hidden
          data-testid="file-input"
          onChange={async (e) => {
            // React clears currentTarget once the handler awaits: keep the element.
            const picker = e.currentTarget;
            if (picker.files?.length) void addInputs(await readFileList(picker.files));
            picker.value = '';
          }}
        />
        <input
          ref={folderRef}
          type="file"
          multiple
          hidden
          {...({ webkitdirectory: '' } as Record<string, string>)}
          onChange={async (e) => {
            // React clears currentTarget once the handler awaits: keep the element.
            const picker = e.currentTarget;
            if (picker.files?.length) void addInputs(await readFileList(picker.files));
            picker.value = '';
          }}
        />
      </div>
      <form
        className="space-y-1.5"
        onSubmit={(e) => {
          e.preventDefault();
          add();
        }}
      >
        <label className="block">
          <span className="sr-only">{t('inputs.pasteLabel')}</span>
          <textarea
            value={text}
            onChange={(e) => setText(e.target.value)}
            onPaste={onPaste}
            rows={3}
            spellCheck={false}
            placeholder={t('inputs.pastePlaceholder')}
            data-testid="paste-box"
            className={`${FIELD} resize-y font-mono text-[11.5px]`}
          />
        </label>
        <div className="flex items-center gap-1.5">
          <label className="flex min-w-0 flex-1 items-center gap-1.5 text-[12px] text-slate-500">
            <span className="shrink-0 whitespace-nowrap">{t('inputs.nameLabel')}</span>
            <input value={name} onChange={(e) => setName(e.target.value)} placeholder={DEFAULT_NAME} className={FIELD} data-testid="paste-name" />
          </label>
          <button type="submit" className={BUTTON_PRIMARY} disabled={!text.trim()} data-testid="paste-add">
            {t('inputs.add')}
          </button>
        </div>
        {pending && (
          <LargeInputNotice
            pending={pending}
            onParse={() => {
              void addToWorkspace(pending);
              setPending(null);
            }}
            onCancel={() => {
              const small = pending.filter((i) => !tooLarge(i));
              if (small.length) void addToWorkspace(small);
              setPending(null);
            }}
          />
        )}
        {note && (
          <p className="text-[12px] text-slate-500" role="status">
            {note}
          </p>
        )}
      </form>
      {inputs.length === 0 ? (
        <p className="text-[12px] text-slate-400">{t('inputs.empty')}</p>
      ) : (
        <ul className="space-y-1.5" data-testid="input-list">
          {inputs.map((i) => (
            <InputRow key={i.name} input={i} />
          ))}
        </ul>
      )}
    </section>
  );
}
