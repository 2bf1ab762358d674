import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { FirstIcon, LastIcon, NextIcon, PauseIcon, PlayIcon, PrevIcon } from '../icons/ControlIcons';
import { useHopscope } from '../store/StoreProvider';

function Control({ label, onClick, disabled, primary, children }: { label: string; onClick: () => void; disabled?: boolean; primary?: boolean; children: ReactNode }) {
  return (
    <button
      type="button"
      aria-label={label}
      title={label}
      onClick={onClick}
      disabled={disabled}
      className={`grid place-items-center rounded-full disabled:opacity-35 ${primary ? 'h-9 w-9 bg-sky-600 text-white hover:bg-sky-700' : 'h-8 w-8 text-slate-600 hover:bg-slate-200/70 hover:text-slate-900'}`}
    >
      {children}
    </button>
  );
}

/** The embedded player's buttons and hop counter. */
export function EmbedControls() {
  const { t } = useTranslation('share');
  const { step, total, playing, shown } = useHopscope(useShallow((s) => ({ step: s.step, total: s.hops.length, playing: s.playing, shown: s.shown })));
  const { first, prev, togglePlay, next, last, pause } = useHopscope(
    useShallow((s) => ({ first: s.first, prev: s.prev, togglePlay: s.togglePlay, next: s.next, last: s.last, pause: s.pause })),
  );
  const atStart = step <= (shown[0] ?? 0);
  const atEnd = step >= (shown.at(-1) ?? total - 1);
  return (
    <div className="flex items-center gap-1" role="toolbar" aria-label={t('player.controls')}>
      <Control label={t('player.first')} onClick={first} disabled={atStart}>
        <FirstIcon />
      </Control>
      <Control label={t('player.prev')} onClick={prev} disabled={atStart}>
        <PrevIcon />
      </Control>
      <Control label={playing ? t('player.pause') : t('player.play')} onClick={togglePlay} disabled={total < 2} primary>
        {playing ? <PauseIcon className="h-4 w-4" /> : <PlayIcon className="h-4 w-4" />}
      </Control>
      <Control label={t('player.next')} onClick={() => (pause(), next())} disabled={atEnd}>
        <NextIcon />
      </Control>
      <Control label={t('player.last')} onClick={last} disabled={atEnd}>
        <LastIcon />
      </Control>
      <output className="ml-2 text-[13px] font-semibold text-slate-800 tabular-nums" data-testid="embed-counter" aria-live="polite">
        {t('player.counter', { n: total ? step + 1 : 0, total })}
      </output>
    </div>
  );
}
