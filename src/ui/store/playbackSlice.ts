import type { PlaybackSlice, SliceCreator } from './types';

export const DEFAULT_MS_PER_HOP = 1200;

function clamp(n: number, max: number): number {
  return Math.max(0, Math.min(Number.isFinite(n) ? Math.trunc(n) : 0, Math.max(0, max)));
}

export const createPlaybackSlice =
  (initialStep = 0): SliceCreator<PlaybackSlice> =>
  (set, get) => ({
    step: Math.max(0, initialStep),
    playing: false,
    msPerHop: DEFAULT_MS_PER_HOP,
    goTo: (step) => set({ step: clamp(step, get().hops.length - 1) }),
    next: () => {
      const { step, hops } = get();
      // Reaching the last hop ends auto-play, so the timer never spins on the final frame.
      if (step >= hops.length - 1) set({ playing: false });
      else set({ step: step + 1 });
    },
    prev: () => set({ step: clamp(get().step - 1, get().hops.length - 1), playing: false }),
    first: () => set({ step: 0, playing: false }),
    last: () => set({ step: clamp(get().hops.length - 1, get().hops.length - 1), playing: false }),
    togglePlay: () => {
      const { playing, step, hops } = get();
      if (playing) return set({ playing: false });
      if (hops.length < 2) return;
      // Play from the end restarts, as media players do.
      set({ playing: true, step: step >= hops.length - 1 ? 0 : step });
    },
    pause: () => set({ playing: false }),
    setSpeed: (msPerHop) => set({ msPerHop: Math.max(200, msPerHop) }),
  });

export { clamp as clampStep };
