import { useEffect } from 'react';
import { useHopscopeApi } from '../store/StoreProvider';
import { writeUrl } from '../url';

/** Mirrors the scenario (or workspace) and step into the URL once a trace is shown, so a reload lands on the same hop. */
export function useUrlSync() {
  const store = useHopscopeApi();
  useEffect(
    () =>
      store.subscribe((s, prev) => {
        if (s.mode === 'workspace') {
          if (s.mode !== prev.mode || s.step !== prev.step) writeUrl({ mode: 'workspace', step: s.step });
          return;
        }
        if (s.loadStatus !== 'ready' || !s.scenarioId || s.hops.length === 0) return;
        if (s.step !== prev.step || s.scenarioId !== prev.scenarioId || s.loadStatus !== prev.loadStatus || s.mode !== prev.mode) {
          writeUrl({ mode: 'scenario', scenario: s.scenarioId, step: s.step });
        }
      }),
    [store],
  );
}
