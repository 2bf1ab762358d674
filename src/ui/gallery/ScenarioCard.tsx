/** One scenario in the gallery: what it teaches, and buttons to play it or to take it guided. */
import type { MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { localize } from '../../engine';
import type { Lang } from '../../engine';
import { BUTTON, BUTTON_PRIMARY } from '../shell/classes';
import type { GalleryEntry } from './galleryFilter';
import { LevelBadge } from './LevelBadge';

interface Props {
  entry: GalleryEntry;
  lang: Lang;
  activeTopic: string | null;
  onOpen: (id: string) => void;
  onGuided: (id: string) => void;
  onTopic: (topic: string) => void;
}

/** A plain click opens in place; a middle or modified click keeps the browser's own behaviour (new tab). */
function inPlace(e: MouseEvent, run: () => void) {
  if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  e.preventDefault();
  run();
}

export function ScenarioCard({ entry, lang, activeTopic, onOpen, onGuided, onTopic }: Props) {
  const { t } = useTranslation('gallery');
  const title = localize(entry.title, lang);
  const href = `?scenario=${encodeURIComponent(entry.id)}&lang=${lang}`;
  const titleId = `card-${entry.id}`;
  return (
    <article
      aria-labelledby={titleId}
      className="flex h-full flex-col rounded-xl border border-slate-200 bg-white p-4 shadow-sm transition-shadow focus-within:border-sky-400 hover:shadow-md motion-reduce:transition-none"
      data-testid="scenario-card"
      data-id={entry.id}
      data-level={entry.level}
      data-datapath={entry.datapath}
    >
      <div className="flex flex-wrap items-center gap-2">
        <LevelBadge level={entry.level} />
        <span className="font-mono text-[11.5px] text-slate-500" title={t('card.datapath')}>
          {entry.datapath}
        </span>
      </div>
      <h3 id={titleId} className="mt-2 text-[15px] leading-snug font-semibold text-slate-900">
        {title}
      </h3>
      <p className="mt-1 line-clamp-3 text-[13px] leading-relaxed text-slate-600" title={localize(entry.summary, lang)}>
        {localize(entry.summary, lang)}
      </p>
      {entry.topics.length > 0 && (
        <ul aria-label={t('card.topics')} className="mt-2.5 flex flex-wrap gap-1">
          {entry.topics.map((topic) => (
            <li key={topic}>
              <button
                type="button"
                onClick={() => onTopic(topic)}
                aria-pressed={activeTopic === topic}
                title={t('card.filterByTopic', { topic })}
                className={`rounded px-1.5 py-px font-mono text-[11px] ${activeTopic === topic ? 'bg-sky-600 text-white' : 'bg-slate-100 text-slate-600 hover:bg-slate-200 hover:text-slate-900'}`}
              >
                {topic}
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="mt-auto flex flex-wrap items-center gap-2 pt-3.5">
        <a href={href} onClick={(e) => inPlace(e, () => onOpen(entry.id))} className={BUTTON_PRIMARY} aria-label={t('card.openLabel', { title })} data-testid="open-scenario">
          {t('card.open')}
        </a>
        {entry.questions > 0 && (
          <button type="button" onClick={() => onGuided(entry.id)} className={BUTTON} aria-label={t('card.guidedLabel', { title, count: entry.questions })} data-testid="guided-scenario">
            {t('card.guided', { count: entry.questions })}
          </button>
        )}
      </div>
    </article>
  );
}
