import { useEffect } from 'react';
import { useHopscopeApi } from '../store/StoreProvider';

/** Form fields keep their keys; everything else on the page is the player's. */
function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/**
 * → next hop, ← previous, Space play/pause, Home/End first/last. Space always means
 * play/pause, as in media players, even when a button has focus (Enter still presses it).
 */
export function useKeyboardShortcuts() {
  const store = useHopscopeApi();
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey || isEditable(e.target)) return;
      const s = store.getState();
      const actions: Record<string, () => void> = {
        ArrowRight: () => {
          s.pause();
          s.next();
        },
        ArrowLeft: s.prev,
        ' ': () => {
          if (!e.repeat) s.togglePlay();
        },
        Home: s.first,
        End: s.last,
      };
      const action = actions[e.key];
      if (!action) return;
      e.preventDefault();
      action();
    };
    // A focused button would otherwise also fire its click on Space's keyup.
    const onKeyUp = (e: KeyboardEvent) => {
      if (e.key === ' ' && !isEditable(e.target)) e.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    window.addEventListener('keyup', onKeyUp);
    return () => {
      window.removeEventListener('keydown', onKeyDown);
      window.removeEventListener('keyup', onKeyUp);
    };
  }, [store]);
}
