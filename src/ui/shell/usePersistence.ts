import { useEffect } from 'react';
import { useHopscopeApi } from '../store/StoreProvider';
import { saveWorkspace } from './workspaceStorage';

/** Keeps a workspace of one's own in session storage (debounced), so a reload restores it. */
export function useWorkspacePersistence() {
  const store = useHopscopeApi();
  useEffect(() => {
    let timer = 0;
    const unsubscribe = store.subscribe((s, prev) => {
      if (s.mode !== 'workspace' || (s.workspace === prev.workspace && s.mode === prev.mode)) return;
      window.clearTimeout(timer);
      timer = window.setTimeout(() => void saveWorkspace(store.getState().workspace), 400);
    });
    return () => {
      unsubscribe();
      window.clearTimeout(timer);
    };
  }, [store]);
}
