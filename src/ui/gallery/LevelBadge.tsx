import { useTranslation } from 'react-i18next';
import type { Level } from '../../engine';

const TONE: Record<Level, string> = {
  beginner: 'bg-emerald-50 text-emerald-800 ring-emerald-200',
  intermediate: 'bg-amber-50 text-amber-800 ring-amber-200',
  advanced: 'bg-violet-50 text-violet-800 ring-violet-200',
};

/** A scenario's level as a small coloured label (the colour repeats what the word says). */
export function LevelBadge({ level }: { level: Level }) {
  const { t } = useTranslation('gallery');
  return <span className={`rounded-full px-2 py-px text-[11px] font-semibold ring-1 ${TONE[level]}`}>{t(`level.${level}`)}</span>;
}
