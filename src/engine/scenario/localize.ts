/**
 * Scenario text in several languages. A scenario.yaml text field is either a plain string
 * (English) or a map of language → text; English is required in a map and is the fallback.
 */
import type { Lang } from '../explain/render';

export type LocalizedText = string | ({ en: string } & Partial<Record<Exclude<Lang, 'en'>, string>>);

/** The text in `lang`, or its English when that language is missing or empty. */
export function localize(text: LocalizedText, lang: Lang = 'en'): string {
  if (typeof text === 'string') return text;
  const translated = text[lang];
  return translated !== undefined && translated !== '' ? translated : text.en;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const KEYS = new Set(['en', 'ko', 'zh']);

/**
 * Reads an untrusted yaml value as localized text: the text, or an error sentence saying
 * what is wrong (for a diagnostic).
 */
export function readLocalizedText(v: unknown): { text: LocalizedText } | { error: string } {
  if (typeof v === 'string') return { text: v };
  if (!isRecord(v)) return { error: 'must be a string or a map {en, ko, zh}' };
  const unknown = Object.keys(v).filter((k) => !KEYS.has(k));
  if (unknown.length) return { error: `has unknown language ${unknown.map((k) => `"${k}"`).join(', ')} (use en, ko, zh)` };
  if (typeof v.en !== 'string' || v.en === '') return { error: 'needs an "en" text' };
  const text: { en: string; ko?: string; zh?: string } = { en: v.en };
  for (const lang of ['ko', 'zh'] as const) {
    const t = v[lang];
    if (t === undefined) continue;
    if (typeof t !== 'string') return { error: `"${lang}" must be a string` };
    text[lang] = t;
  }
  return { text };
}
