import { useEffect } from 'react';
import { useHopscopeApi } from '../store/StoreProvider';
import { isEditable } from '../shell/isEditable';
import { PRESENTER_KEYS } from './presenterKeys';

/** The keys of presenterKeys.ts, with the player's rules: not while typing, not with modifiers, not under the help. */
export function usePresenterKeys() {
  const store = useHopscopeApi();
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey || e.repeat || isEditable(e.target)) return;
      const key = e.key.toLowerCase();
      const found = PRESENTER_KEYS.find((k) => k.match.includes(key));
      const s = store.getState();
      if (!found || s.helpOpen) return;
      e.preventDefault();
      found.run(s);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [store]);
}
