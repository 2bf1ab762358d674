/**
 * Renders a message in a language. Templates use `{name}` for a parameter and `{name|text}`
 * for "text followed by the parameter, only when the parameter is not empty".
 */
import { en } from './en';
import { ko } from './ko';
import { zh } from './zh';
import { diagnosticsEn } from './diagnostics-en';
import { diagnosticsKo } from './diagnostics-ko';
import { diagnosticsZh } from './diagnostics-zh';
import type { Msg } from './message';

export type Lang = 'en' | 'ko' | 'zh';

const catalogs: Record<Lang, Record<string, string>> = {
  en: { ...en, ...diagnosticsEn },
  ko: { ...ko, ...diagnosticsKo },
  zh: { ...zh, ...diagnosticsZh },
};

export const LANGS: readonly Lang[] = ['en', 'ko', 'zh'];

/** Adds or replaces a language's sentences (the ko and zh catalogs register themselves here). */
export function registerCatalog(lang: Lang, entries: Record<string, string>): void {
  catalogs[lang] = { ...catalogs[lang], ...entries };
}

export function hasMessage(key: string, lang: Lang = 'en'): boolean {
  return key in catalogs[lang];
}

export function renderMessage(message: Msg, lang: Lang = 'en'): string {
  const template = catalogs[lang][message.key] ?? catalogs.en[message.key];
  if (template === undefined) return message.key;
  const params = message.params ?? {};
  return template.replace(/\{(\w+)(?:\|([^{}]*))?\}/g, (_all, name: string, prefix?: string) => {
    const value = params[name];
    // Parameter values that are words (source, yes, ...) are translated too.
    const text = value === undefined ? undefined : typeof value === 'object' ? renderMessage(value, lang) : catalogs[lang][`word.${value}`] ?? String(value);
    if (prefix !== undefined) return text === undefined || text === '' ? '' : `${prefix}${text}`;
    return text === undefined ? `{${name}}` : text;
  });
}
