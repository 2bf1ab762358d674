/**
 * The URL carries what a reload restores: `?scenario=ID&step=N` for a scenario, or
 * `?workspace=1&step=N` for a workspace of one's own (its dumps are kept in this tab's session
 * storage, never sent anywhere). N is the hop number as the counter shows it (1-based).
 * Neither opens the scenario gallery. `&lang=en|ko|zh` picks the interface's language (read by src/ui/i18n, written by the switch).
 * `&embed=1` shows the compact player (src/ui/share/EmbedApp), `&present=1` presenter mode, and
 * `#ws=…` carries a shared workspace (src/ui/share: compressed, validated, never sent to a server).
 */

/** `&embed=1`: the compact player for an iframe; `&present=1`: presenter mode. */
export interface UrlFlags {
  embed: boolean;
  present: boolean;
}

export function readFlags(search: string = window.location.search): UrlFlags {
  const params = new URLSearchParams(search);
  return { embed: params.get('embed') === '1', present: params.get('present') === '1' };
}

/** The query parameter that carries the interface's language. */
export const LANG_PARAM = 'lang';

export type UrlState = { mode: 'scenario'; scenario: string; step: number } | { mode: 'workspace'; step: number } | { mode: 'gallery'; step: number };

export function readUrl(search: string = window.location.search): UrlState {
  const params = new URLSearchParams(search);
  const parsed = Number.parseInt(params.get('step') ?? '', 10);
  const step = Number.isFinite(parsed) && parsed > 0 ? parsed - 1 : 0;
  if (params.has('workspace')) return { mode: 'workspace', step };
  // Without a scenario or a workspace, the page opens on the scenario gallery.
  if (!params.get('scenario')) return { mode: 'gallery', step };
  return { mode: 'scenario', scenario: params.get('scenario')!, step };
}

function replaceSearch(params: URLSearchParams): void {
  const next = `${window.location.pathname}?${params.toString()}${window.location.hash}`;
  if (next !== `${window.location.pathname}${window.location.search}${window.location.hash}`) {
    window.history.replaceState(window.history.state, '', next);
  }
}

/** Puts the chosen language in the URL, so a reload or a shared link keeps it. */
export function writeLang(lang: string): void {
  const params = new URLSearchParams(window.location.search);
  params.set(LANG_PARAM, lang);
  replaceSearch(params);
}

/** Sets (`=1`) or removes a flag such as `present`. */
export function writeFlag(name: 'present', on: boolean): void {
  const params = new URLSearchParams(window.location.search);
  if (on === (params.get(name) === '1')) return;
  if (on) params.set(name, '1');
  else params.delete(name);
  replaceSearch(params);
}

/** Replaces (not pushes) the entry, so stepping does not flood the back button. */
export function writeUrl(state: Exclude<UrlState, { mode: 'gallery' }>): void {
  const params = new URLSearchParams(window.location.search);
  if (state.mode === 'scenario') {
    params.delete('workspace');
    params.set('scenario', state.scenario);
  } else {
    params.delete('scenario');
    params.set('workspace', '1');
  }
  params.set('step', String(state.step + 1));
  replaceSearch(params);
}
