/**
 * The scenario gallery: whether it is shown, the scenarios it lists (read from each
 * scenario.yaml, without the dumps) and the reader's search and filters.
 */
import { loadScenario } from '../../engine';
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

/** One gallery entry from a scenario.yaml alone; null when the file cannot be read. */
export function galleryEntry(id: string, yaml: string): GalleryEntry | null {
  const scenario = loadScenario(id, { 'scenario.yaml': yaml }).value;
  if (!scenario) return null;
  const { title, summary, goals, level, datapath, topics } = scenario;
  return { id, title, summary, goals, level, datapath, topics, questions: questionCount(scenario) };
}

export const createGallerySlice =
  (loadYamls: ScenarioYamlsLoader): SliceCreator<GallerySlice> =>
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
          const yamls = await loadYamls();
          const entries = Object.entries(yamls)
            .map(([id, text]) => galleryEntry(id, text))
            .filter((e): e is GalleryEntry => e !== null);
          set({ galleryEntries: entries, galleryStatus: 'ready' });
        } catch {
          set({ galleryStatus: 'error' });
        }
      },
      closeGallery: () => set({ galleryOpen: false }),
      setGalleryFilters: (patch) => set({ galleryFilters: { ...get().galleryFilters, ...patch } }),
    };
  };
