/** The theme: a class on <html> (Tailwind's dark variant), first from the system's preference, then the user's choice. */
import { useEffect } from 'react';
import { useHopscope } from '../store/StoreProvider';
import type { Theme } from '../store/types';

const KEY = 'hopscope.theme';

export function initialTheme(): Theme {
  try {
    const saved = window.localStorage.getItem(KEY);
    if (saved === 'light' || saved === 'dark') return saved;
  } catch {
    // No storage: follow the system.
  }
  return window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

export function applyTheme(theme: Theme): void {
  document.documentElement.classList.toggle('dark', theme === 'dark');
}

/** Applies the store's theme to the page and remembers an explicit choice. */
export function useThemeSync() {
  const theme = useHopscope((s) => s.theme);
  useEffect(() => {
    applyTheme(theme);
  }, [theme]);
}

export function rememberTheme(theme: Theme): void {
  try {
    window.localStorage.setItem(KEY, theme);
  } catch {
    // Not remembered; the toggle still works for this visit.
  }
}
