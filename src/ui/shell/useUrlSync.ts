import { useEffect } from 'react';
import { useHopscopeApi } from '../store/StoreProvider';
import { writeGallery, writeUrl } from '../url';

/**
 * Mirrors the scenario (or workspace) and step into the URL once a trace is shown, so a reload
 * lands on the same hop; while the gallery is open, the gallery and its filters instead.
 */
export function useUrlSync() {
  const store = useHopscopeApi();
  useEffect(
    () =>
      store.subscribe((s, prev) => {
        if (s.galleryOpen) {
          if (!prev.galleryOpen || s.galleryFilters !== prev.galleryFilters) writeGallery(s.galleryFilters);
          return;
        }
        // Leaving the gallery: the scenario or workspace behind it is what the address names again.
        const closed = prev.galleryOpen;
        if (s.mode === 'workspace') {
          if (closed) writeUrl({ mode: 'workspace', step: s.step });
          if (s.mode !== prev.mode || s.step !== prev.step) writeUrl({ mode: 'workspace', step: s.step });
          return;
        }
        if (s.loadStatus !== 'ready' || !s.scenarioId || s.hops.length === 0) return;
        if (closed || s.step !== prev.step || s.scenarioId !== prev.scenarioId || s.loadStatus !== prev.loadStatus || s.mode !== prev.mode) {
          writeUrl({ mode: 'scenario', scenario: s.scenarioId, step: s.step });
        }
      }),
    [store],
  );
}
