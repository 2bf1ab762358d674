/**
 * The scenario gallery: every bundled scenario with its level, datapath and topics, a search and
 * three filters. Opening one plays it; "guided" plays it with narration and questions. It is the
 * landing page when the URL names no scenario, and the header's "Scenarios" button brings it back.
 */
import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { BUTTON } from '../shell/classes';
import { useHopscope } from '../store/StoreProvider';
import { filterScenarios, galleryFacets, sortEntries } from './galleryFilter';
import { GalleryFilters } from './GalleryFilters';
import { ScenarioCard } from './ScenarioCard';

/** Keys the player would take from the page behind; the gallery keeps them to itself. */
const PLAYER_KEYS = new Set([' ', 'ArrowLeft', 'ArrowRight', 'Home', 'End', 'PageUp', 'PageDown', '[', ']', '+', '=', '-', '1', '2', '3', 't', 'n', 'c']);

export function Gallery() {
  const { t } = useTranslation('gallery');
  const status = useHopscope((s) => s.galleryStatus);
  const entries = useHopscope((s) => s.galleryEntries);
  const filters = useHopscope((s) => s.galleryFilters);
  const lang = useHopscope((s) => s.lang);
  const setFilters = useHopscope((s) => s.setGalleryFilters);
  const closeGallery = useHopscope((s) => s.closeGallery);
  const openScenario = useHopscope((s) => s.openScenario);
  const startGuided = useHopscope((s) => s.startGuided);
  const newWorkspace = useHopscope((s) => s.newWorkspace);
  const canReturn = useHopscope((s) => s.hops.length > 0 || (s.mode === 'workspace' && s.workspace.inputs.length > 0));

  const sorted = useMemo(() => sortEntries(entries, lang), [entries, lang]);
  const shown = useMemo(() => filterScenarios(sorted, filters, lang), [sorted, filters, lang]);
  const facets = useMemo(() => galleryFacets(entries), [entries]);

  // Opened from the header: the search takes the focus. On the landing page focus stays put.
  const searchRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (document.activeElement?.closest('header')) searchRef.current?.focus();
  }, []);

  const open = (id: string) => {
    closeGallery();
    void openScenario(id);
  };
  const guided = async (id: string) => {
    closeGallery();
    await openScenario(id);
    startGuided();
  };

  return (
    <main
      className="min-h-0 overflow-y-auto bg-slate-100"
      aria-labelledby="gallery-title"
      data-testid="gallery"
      onKeyDown={(e) => {
        if (e.key === 'Escape' && canReturn) closeGallery();
        else if (PLAYER_KEYS.has(e.key) && !e.ctrlKey && !e.metaKey) e.stopPropagation();
      }}
    >
      <div className="mx-auto flex max-w-[92rem] flex-col gap-4 px-6 py-5 max-md:px-3">
        <div className="flex flex-wrap items-end gap-3">
          <div className="min-w-0 flex-1">
            <h2 id="gallery-title" className="text-[20px] font-semibold tracking-tight text-slate-900">
              {t('title')}
            </h2>
            <p className="mt-0.5 max-w-3xl text-[13.5px] leading-relaxed text-slate-600">{t('intro')}</p>
          </div>
          {canReturn && (
            <button type="button" className={BUTTON} onClick={closeGallery} data-testid="gallery-back">
              {t('back')}
            </button>
          )}
          <button type="button" className={BUTTON} onClick={newWorkspace} title={t('ownDumpsHint')} data-testid="gallery-own-dumps">
            {t('ownDumps')}
          </button>
        </div>
        <GalleryFilters facets={facets} filters={filters} onChange={setFilters} searchRef={searchRef} />
        <p role="status" className="text-[12.5px] text-slate-500" data-testid="gallery-count">
          {status === 'loading' || status === 'idle' ? t('loading') : status === 'error' ? t('failed') : t('count', { count: shown.length, total: entries.length })}
        </p>
        {status === 'ready' && shown.length === 0 ? (
          <div className="rounded-xl border border-dashed border-slate-300 bg-white p-6 text-center" data-testid="gallery-empty">
            <p className="text-[14px] text-slate-700">{t('noMatch')}</p>
            <button type="button" className={`${BUTTON} mt-3`} onClick={() => setFilters({ query: '', topic: null, datapath: null, level: null })}>
              {t('filters.clear')}
            </button>
          </div>
        ) : (
          <ul className="grid grid-cols-[repeat(auto-fill,minmax(min(19rem,100%),1fr))] gap-3" aria-labelledby="gallery-title">
            {shown.map((entry) => (
              <li key={entry.id}>
                <ScenarioCard
                  entry={entry}
                  lang={lang}
                  activeTopic={filters.topic}
                  onOpen={open}
                  onGuided={(id) => void guided(id)}
                  onTopic={(topic) => setFilters({ topic: filters.topic === topic ? null : topic })}
                />
              </li>
            ))}
          </ul>
        )}
      </div>
    </main>
  );
}
