/**
 * Jump to a hop by its number (the counter's): type it and press Enter. `G` focuses the field
 * (shortcuts.ts), so a trainer answering "what happens at hop 42?" needs no mouse.
 */
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useHopscope } from '../store/StoreProvider';

export const GO_TO_HOP_ID = 'hs-go-to-hop';

export function GoToHop() {
  const { t } = useTranslation('playback');
  const total = useHopscope((s) => s.hops.length);
  const goTo = useHopscope((s) => s.goTo);
  const pause = useHopscope((s) => s.pause);
  const [value, setValue] = useState('');
  const n = Number(value);
  const valid = value !== '' && Number.isInteger(n) && n >= 1 && n <= total;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!valid) return;
    pause();
    goTo(n - 1);
    setValue('');
  };
  return (
    <form onSubmit={submit} className="flex items-center" data-testid="go-to-hop">
      <label htmlFor={GO_TO_HOP_ID} className="sr-only">
        {t('goTo.label', { total })}
      </label>
      <input
        id={GO_TO_HOP_ID}
        type="number"
        inputMode="numeric"
        min={1}
        max={total}
        value={value}
        disabled={total === 0}
        placeholder={t('goTo.placeholder')}
        title={t('goTo.label', { total })}
        aria-invalid={value !== '' && !valid ? true : undefined}
        onChange={(e) => setValue(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') e.currentTarget.blur();
        }}
        className="w-16 rounded-md border border-slate-200 bg-white px-1.5 py-0.5 text-[12px] text-slate-700 tabular-nums placeholder:text-slate-400 focus-visible:outline-2 focus-visible:outline-sky-500 aria-invalid:border-red-400"
        data-testid="go-to-hop-input"
      />
    </form>
  );
}
