/**
 * Presenter keys, beside the player's table (playback/shortcuts.ts): P toggles presenter mode,
 * F full screen. Listed by the help overlay under their own heading.
 */
import type { HopscopeState } from '../store/types';

export interface PresenterKey {
  match: string[];
  keys: string[];
  /** Its description is `present:keys.<id>`. */
  id: 'present' | 'fullscreen';
  run: (s: HopscopeState) => void;
}

function toggleFullscreen(): void {
  if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
  else void document.documentElement.requestFullscreen?.().catch(() => undefined);
}

export const PRESENTER_KEYS: PresenterKey[] = [
  { match: ['p'], keys: ['P'], id: 'present', run: (s) => s.setPresenting(!s.presenting) },
  { match: ['f'], keys: ['F'], id: 'fullscreen', run: () => toggleFullscreen() },
];
