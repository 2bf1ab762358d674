import { useEffect } from 'react';
import { isEditable } from '../shell/isEditable';
import { rememberTheme } from '../shell/theme';
import { useHopscopeApi } from '../store/StoreProvider';
import { SHORTCUTS } from './shortcuts';

/**
 * The shortcuts of `shortcuts.ts`. Space always means play/pause, as in media players, even
 * when a button has focus (Enter still presses it).
 */
export function useKeyboardShortcuts() {
  const store = useHopscopeApi();
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey || isEditable(e.target)) return;
      const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
      const shortcut = SHORTCUTS.find((s) => s.match.includes(key) || s.match.includes(e.key));
      if (!shortcut) return;
      // While a dialog is open only Escape and ? act.
      const s = store.getState();
      if (s.helpOpen && !['Escape', '?'].includes(e.key)) return;
      e.preventDefault();
      shortcut.run(s, e);
      if (key === 'd') rememberTheme(store.getState().theme);
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
