/**
 * The URL carries what a share link restores: `?scenario=ID&step=N`, N being the hop number
 * as the counter shows it (1-based).
 */
export const DEFAULT_SCENARIO = 'pod-to-clusterip';

export interface UrlState {
  scenario: string;
  /** 0-based index into the hops. */
  step: number;
}

export function readUrl(search: string = window.location.search): UrlState {
  const params = new URLSearchParams(search);
  const step = Number.parseInt(params.get('step') ?? '', 10);
  return {
    scenario: params.get('scenario') || DEFAULT_SCENARIO,
    step: Number.isFinite(step) && step > 0 ? step - 1 : 0,
  };
}

/** Replaces (not pushes) the entry, so stepping does not flood the back button. */
export function writeUrl(state: UrlState): void {
  const params = new URLSearchParams(window.location.search);
  params.set('scenario', state.scenario);
  params.set('step', String(state.step + 1));
  const next = `${window.location.pathname}?${params.toString()}${window.location.hash}`;
  if (next !== `${window.location.pathname}${window.location.search}${window.location.hash}`) {
    window.history.replaceState(window.history.state, '', next);
  }
}
