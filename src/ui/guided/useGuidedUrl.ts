/**
 * `&guided=1` in the URL: a trainer's link can open a scenario straight in the guided mode, and a
 * reload keeps it. Read once at start, then mirrored from the store.
 */
import { useEffect } from 'react';
import { useHopscopeApi } from '../store/StoreProvider';

const PARAM = 'guided';

export function readGuided(search: string = window.location.search): boolean {
  return new URLSearchParams(search).get(PARAM) === '1';
}

export function useGuidedUrl() {
  const store = useHopscopeApi();
  useEffect(
    () =>
      store.subscribe((s, prev) => {
        if (s.guided === prev.guided) return;
        const params = new URLSearchParams(window.location.search);
        if (s.guided) params.set(PARAM, '1');
        else params.delete(PARAM);
        const query = params.toString();
        window.history.replaceState(window.history.state, '', `${window.location.pathname}${query ? `?${query}` : ''}${window.location.hash}`);
      }),
    [store],
  );
}
