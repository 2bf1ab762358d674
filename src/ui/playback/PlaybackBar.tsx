import type { ReactNode } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { FirstIcon, LastIcon, NextIcon, PauseIcon, PlayIcon, PrevIcon } from '../icons/ControlIcons';
import { CopyMenu } from '../shell/CopyMenu';
import { GoToHop } from './GoToHop';
import { useHopscope } from '../store/StoreProvider';
import { DetailLevelSwitch } from './DetailLevelSwitch';

const SPEEDS = [
  { ms: 2400, label: '0.5×' },
  { ms: 1200, label: '1×' },
  { ms: 600, label: '2×' },
  { ms: 300, label: '4×' },
];

function Control({ label, keys, onClick, disabled, children, primary }: {
  label: string;
  keys: string;
  onClick: () => void;
  disabled?: boolean;
  children: ReactNode;
  primary?: boolean;
}) {
  const { t } = useTranslation('playback');
  return (
    <button
      type="button"
      aria-label={label}
      aria-keyshortcuts={keys}
      title={t('withKeys', { label, keys })}
      onClick={onClick}
      disabled={disabled}
      className={`grid place-items-center rounded-full focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-500 disabled:opacity-35 ${
        primary ? 'h-10 w-10 bg-sky-600 text-white shadow-sm hover:bg-sky-700' : 'h-8 w-8 text-slate-600 hover:bg-slate-200/70 hover:text-slate-900'
      }`}
    >
      {children}
    </button>
  );
}

/** ⏮ ◀ ▶/⏸ ▶ ⏭, the hop counter and the speed. */
export function PlaybackBar() {
  const { t } = useTranslation('playback');
  const step = useHopscope((s) => s.step);
  const total = useHopscope((s) => s.hops.length);
  const playing = useHopscope((s) => s.playing);
  const msPerHop = useHopscope((s) => s.msPerHop);
  const { first, prev, togglePlay, next, last, pause, setSpeed } = useHopscope(
    useShallow((s) => ({ first: s.first, prev: s.prev, togglePlay: s.togglePlay, next: s.next, last: s.last, pause: s.pause, setSpeed: s.setSpeed })),
  );
  const shown = useHopscope((s) => s.shown);
  const stepForward = () => {
    pause();
    next();
  };
  const atStart = step <= (shown[0] ?? 0);
  const atEnd = step >= (shown.at(-1) ?? total - 1);
  return (
    <div className="flex flex-wrap items-center gap-1">
    <div className="flex flex-wrap items-center gap-1" role="toolbar" aria-label={t('toolbar')}>
      <Control label={t('first')} keys="Home" onClick={first} disabled={atStart}>
        <FirstIcon />
      </Control>
      <Control label={t('prev')} keys="ArrowLeft" onClick={prev} disabled={atStart}>
        <PrevIcon />
      </Control>
      <Control label={playing ? t('pause') : t('play')} keys="Space" onClick={togglePlay} disabled={total < 2} primary>
        {playing ? <PauseIcon className="h-4.5 w-4.5" /> : <PlayIcon className="h-4.5 w-4.5" />}
      </Control>
      <Control label={t('next')} keys="ArrowRight" onClick={stepForward} disabled={atEnd}>
        <NextIcon />
      </Control>
      <Control label={t('last')} keys="End" onClick={last} disabled={atEnd}>
        <LastIcon />
      </Control>
      <output className="ml-2 min-w-[7.5rem] text-[14px] font-semibold text-slate-800 tabular-nums" data-testid="hop-counter" aria-live="polite">
        <Trans t={t} i18nKey="counter" values={{ n: total ? step + 1 : 0, total }} components={{ total: <span className="font-normal text-slate-400" /> }} />
      </output>
      <GoToHop />
      <label className="ml-1 flex items-center gap-1.5 text-[12px] text-slate-500">
        <span className="sr-only">{t('speed')}</span>
        <select
          value={msPerHop}
          onChange={(e) => setSpeed(Number(e.target.value))}
          className="rounded-md border border-slate-200 bg-white px-1.5 py-0.5 text-[12px] text-slate-700 focus-visible:outline-2 focus-visible:outline-sky-500"
          aria-label={t('speedLabel')}
        >
          {SPEEDS.map((s) => (
            <option key={s.ms} value={s.ms}>
              {s.label}
            </option>
          ))}
        </select>
      </label>
    </div>
    <div className="ml-auto flex flex-wrap items-center gap-2">
      <DetailLevelSwitch />
      <CopyMenu />
    </div>
    </div>
  );
}
