/**
 * The URL carries what a reload restores: `?scenario=ID&step=N` for a scenario, or
 * `?workspace=1&step=N` for a workspace of one's own (its dumps are kept in this tab's session
 * storage, never sent anywhere). N is the hop number as the counter shows it (1-based).
 * A bare `/` opens the default scenario. `?gallery` opens the scenario gallery, with its search
 * and filters as `&q=TEXT&topic=T&datapath=D&level=L` (a trainer can share "IPVS, beginner"). `&lang=en|ko|zh` picks the interface's language (read by src/ui/i18n, written by the switch).
 * `&embed=1` shows the compact player (src/ui/share/EmbedApp), `&present=1` presenter mode, and
 * `#ws=…` carries a shared workspace (src/ui/share: compressed, validated, never sent to a server).
 */

import type { GalleryFilters } from './gallery/galleryFilter';

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

/** What `/` opens: the README's quick start promises a scenario, not an empty page. */
export const DEFAULT_SCENARIO = 'pod-to-clusterip';

export type UrlState =
  | { mode: 'scenario'; scenario: string; step: number }
  | { mode: 'workspace'; step: number }
  | { mode: 'gallery'; step: number; filters: GalleryFilters };

const GALLERY_PARAMS = ['gallery', 'q', 'topic', 'datapath', 'level'] as const;
const LEVELS: readonly string[] = ['beginner', 'intermediate', 'advanced'];

function readFilters(params: URLSearchParams): GalleryFilters {
  const level = params.get('level');
  return {
    query: params.get('q') ?? '',
    topic: params.get('topic') || null,
    datapath: params.get('datapath') || null,
    level: level && LEVELS.includes(level) ? (level as GalleryFilters['level']) : null,
  };
}

export function readUrl(search: string = window.location.search): UrlState {
  const params = new URLSearchParams(search);
  const parsed = Number.parseInt(params.get('step') ?? '', 10);
  const step = Number.isFinite(parsed) && parsed > 0 ? parsed - 1 : 0;
  if (params.has('workspace')) return { mode: 'workspace', step };
  if (params.has('gallery')) return { mode: 'gallery', step, filters: readFilters(params) };
  return { mode: 'scenario', scenario: params.get('scenario') || DEFAULT_SCENARIO, step };
}

function replaceSearch(params: URLSearchParams): void {
  // `?gallery`, not `?gallery=`: the short form is the one people type and share.
  const query = params.toString().replace(/(^|&)gallery=(?=&|$)/, '$1gallery');
  const next = `${window.location.pathname}?${query}${window.location.hash}`;
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
  for (const name of GALLERY_PARAMS) params.delete(name);
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

/** The open gallery and its search and filters (only those set), so a reload or a shared link shows the same list. */
export function writeGallery(filters: GalleryFilters): void {
  const params = new URLSearchParams(window.location.search);
  for (const name of ['scenario', 'workspace', 'step', ...GALLERY_PARAMS]) params.delete(name);
  params.set('gallery', '');
  if (filters.query) params.set('q', filters.query);
  if (filters.topic) params.set('topic', filters.topic);
  if (filters.datapath) params.set('datapath', filters.datapath);
  if (filters.level) params.set('level', filters.level);
  replaceSearch(params);
}
