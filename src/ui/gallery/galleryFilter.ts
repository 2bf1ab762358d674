/**
 * The gallery's search and filters, as pure functions of the entries: what matches, and which
 * topics, datapaths and levels there are to choose from (with how many scenarios each).
 */
import { localize } from '../../engine';
import type { Lang, Level, LocalizedText } from '../../engine';

/** What the gallery knows of a scenario: its scenario.yaml, without the dumps. */
export interface GalleryEntry {
  id: string;
  title: LocalizedText;
  summary: LocalizedText;
  goals: LocalizedText[];
  level: Level;
  datapath: string;
  topics: string[];
  /** How many "predict the next hop" questions it asks in guided mode. */
  questions: number;
}

export interface GalleryFilters {
  query: string;
  topic: string | null;
  datapath: string | null;
  level: Level | null;
}

export const NO_FILTERS: GalleryFilters = { query: '', topic: null, datapath: null, level: null };

export const LEVEL_ORDER: readonly Level[] = ['beginner', 'intermediate', 'advanced'];

function fold(text: string): string {
  return text.normalize('NFKC').toLocaleLowerCase();
}

/** Everything a search may hit: text in the current language and in English, id, tags. */
function haystack(e: GalleryEntry, lang: Lang): string {
  const texts = [e.title, e.summary, ...e.goals].flatMap((t) => [localize(t, lang), localize(t, 'en')]);
  return fold([e.id, e.datapath, ...e.topics, ...texts].join('\n'));
}

/** Entries that match every word of the query and every chosen filter, in the given order. */
export function filterScenarios(entries: readonly GalleryEntry[], filters: GalleryFilters, lang: Lang): GalleryEntry[] {
  const words = fold(filters.query).split(/\s+/).filter(Boolean);
  return entries.filter(
    (e) =>
      (filters.topic === null || e.topics.includes(filters.topic)) &&
      (filters.datapath === null || e.datapath === filters.datapath) &&
      (filters.level === null || e.level === filters.level) &&
      (words.length === 0 || words.every((w) => haystack(e, lang).includes(w))),
  );
}

export interface Facet<T extends string = string> {
  value: T;
  count: number;
}

export interface Facets {
  topics: Facet[];
  datapaths: Facet[];
  levels: Facet<Level>[];
}

function countBy(values: readonly string[]): Facet[] {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].map(([value, count]) => ({ value, count })).sort((a, b) => a.value.localeCompare(b.value));
}

/** The values each filter offers, with the number of scenarios that have them. */
export function galleryFacets(entries: readonly GalleryEntry[]): Facets {
  const levels = countBy(entries.map((e) => e.level)) as Facet<Level>[];
  return {
    topics: countBy(entries.flatMap((e) => e.topics)),
    datapaths: countBy(entries.map((e) => e.datapath)),
    levels: levels.sort((a, b) => LEVEL_ORDER.indexOf(a.value) - LEVEL_ORDER.indexOf(b.value)),
  };
}

/** Beginner first, then by title in the reader's language. */
export function sortEntries(entries: readonly GalleryEntry[], lang: Lang): GalleryEntry[] {
  return [...entries].sort((a, b) => LEVEL_ORDER.indexOf(a.level) - LEVEL_ORDER.indexOf(b.level) || localize(a.title, lang).localeCompare(localize(b.title, lang), lang));
}

/** True when any filter or a query is set. */
export function hasFilters(f: GalleryFilters): boolean {
  return f.query.trim() !== '' || f.topic !== null || f.datapath !== null || f.level !== null;
}
