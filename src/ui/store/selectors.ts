/** Selectors shared by components; each returns a primitive or a stored reference, so re-renders stay narrow. */
import type { HopNode } from '../../engine';
import type { HopscopeState } from './types';

export const selectCurrentHop = (s: HopscopeState): HopNode | null => s.hops[s.step] ?? null;

export const selectCurrentNetns = (s: HopscopeState): string | null => s.hops[s.step]?.place.netns ?? null;

/** The first hop index of the leg the current hop belongs to. */
export function legStart(hopLegs: HopscopeState['hopLegs'], step: number): number {
  let i = step;
  while (i > 0 && hopLegs[i - 1] === hopLegs[step]) i--;
  return i;
}
