/**
 * Playback: the current hop and the player. Stepping visits the hops the current detail level
 * shows (`shown`), so "minimal" steps from rewrite to rewrite.
 */
import type { PlaybackSlice, SliceCreator } from './types';

export const DEFAULT_MS_PER_HOP = 1200;

function clamp(n: number, max: number): number {
  return Math.max(0, Math.min(Number.isFinite(n) ? Math.trunc(n) : 0, Math.max(0, max)));
}

export const createPlaybackSlice =
  (initialStep = 0): SliceCreator<PlaybackSlice> =>
  (set, get) => {
    const shown = () => {
      const s = get();
      return s.shown.length ? s.shown : s.hops.map((_, i) => i);
    };
    const legStarts = () => {
      const { hopLegs } = get();
      return hopLegs.map((leg, i) => (i === 0 || hopLegs[i - 1] !== leg ? i : -1)).filter((i) => i >= 0);
    };
    return {
      step: Math.max(0, initialStep),
      playing: false,
      msPerHop: DEFAULT_MS_PER_HOP,
      goTo: (step) => set({ step: clamp(step, get().hops.length - 1) }),
      next: () => {
        const { step } = get();
        const after = shown().find((i) => i > step);
        // Reaching the last hop ends auto-play, so the timer never spins on the final frame.
        if (after === undefined) set({ playing: false });
        else set({ step: after });
      },
      prev: () => {
        const { step } = get();
        const before = shown().filter((i) => i < step).at(-1);
        set({ step: before ?? step, playing: false });
      },
      first: () => set({ step: shown()[0] ?? 0, playing: false }),
      last: () => set({ step: shown().at(-1) ?? 0, playing: false }),
      nextLeg: () => {
        const target = legStarts().find((i) => i > get().step);
        if (target !== undefined) set({ step: target, playing: false });
      },
      prevLeg: () => {
        const starts = legStarts();
        const { step } = get();
        // From inside a leg, back to its start; from its start, to the previous leg's.
        const target = starts.filter((i) => i < step).at(-1);
        if (target !== undefined) set({ step: target, playing: false });
      },
      togglePlay: () => {
        const { playing, step } = get();
        if (playing) return set({ playing: false });
        const list = shown();
        if (list.length < 2) return;
        // Play from the end restarts, as media players do.
        set({ playing: true, step: step >= (list.at(-1) ?? 0) ? list[0]! : step });
      },
      pause: () => set({ playing: false }),
      setSpeed: (msPerHop) => set({ msPerHop: Math.max(150, msPerHop) }),
    };
  };

export { clamp as clampStep };
