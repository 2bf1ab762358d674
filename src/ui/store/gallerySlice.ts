/**
 * The scenario gallery: whether it is shown, the scenarios it lists (read from each
 * scenario.yaml, without the dumps) and the reader's search and filters.
 */
import type { Scenario } from '../../engine';
import type { EngineClient } from '../analysis/client';
import { NO_FILTERS, type GalleryEntry, type GalleryFilters } from '../gallery/galleryFilter';
import { questionCount } from '../guided/guideAdapter';
import type { SliceCreator } from './types';

/** Fetches every bundled scenario.yaml (id → text). Injected so tests can fake it. */
export type ScenarioYamlsLoader = () => Promise<Record<string, string>>;

export interface GallerySlice {
  galleryOpen: boolean;
  galleryStatus: 'idle' | 'loading' | 'ready' | 'error';
  galleryEntries: GalleryEntry[];
  galleryFilters: GalleryFilters;
  /** Shows the gallery (reading the scenarios on first use). */
  openGallery: () => Promise<void>;
  closeGallery: () => void;
  setGalleryFilters: (patch: Partial<GalleryFilters>) => void;
}

/** What the gallery shows of a scenario. */
export function galleryEntry(scenario: Scenario): GalleryEntry {
  const { id, title, summary, goals, level, datapath, topics } = scenario;
  return { id, title, summary, goals, level, datapath, topics, questions: questionCount(scenario) };
}

export const createGallerySlice =
  (loadYamls: ScenarioYamlsLoader, engine: EngineClient): SliceCreator<GallerySlice> =>
  (set, get, api) => {
    // Opening a scenario or a workspace (from anywhere) leaves the gallery.
    api.subscribe((s, prev) => {
      if (s.galleryOpen && prev.galleryOpen && (s.scenarioId !== prev.scenarioId || s.mode !== prev.mode)) set({ galleryOpen: false });
    });
    return {
      galleryOpen: false,
      galleryStatus: 'idle',
      galleryEntries: [],
      galleryFilters: NO_FILTERS,
      openGallery: async () => {
        set({ galleryOpen: true, playing: false, fileView: null });
        if (get().galleryStatus === 'loading' || get().galleryStatus === 'ready') return;
        set({ galleryStatus: 'loading' });
        try {
          // Each scenario.yaml alone (the dumps stay unread): the engine (in the worker) reads it;
          // one that cannot be read is left out of the gallery.
          const yamls = await loadYamls();
          const read = await Promise.all(Object.entries(yamls).map(([id, text]) => engine.scenario(id, { 'scenario.yaml': text })));
          const entries = read.flatMap((r) => (r.value ? [galleryEntry(r.value)] : []));
          set({ galleryEntries: entries, galleryStatus: 'ready' });
        } catch {
          set({ galleryStatus: 'error' });
        }
      },
      closeGallery: () => set({ galleryOpen: false }),
      setGalleryFilters: (patch) => set({ galleryFilters: { ...get().galleryFilters, ...patch } }),
    };
  };
