/**
 * The interface's i18next instance. Resources are bundled, so it is ready synchronously, before
 * the first render. The language is chosen by `?lang=` in the URL, else the choice saved by the
 * header switch, else the browser's language, else English; the store's `lang` then drives it
 * (useLanguageSync).
 */
import i18next from 'i18next';
import LanguageDetector from 'i18next-browser-languagedetector';
import { initReactI18next } from 'react-i18next';
import { LANG_PARAM } from '../url';
import { isLang, LANGS, type Lang } from './languages';
import { NAMESPACES, resources } from './resources';

/** Where the header switch remembers the choice. */
export const LANG_STORAGE_KEY = 'hopscope.lang';

/** Keys asked for but absent from a catalog; the end-to-end tests require it to stay empty. */
export const missingKeys: string[] = [];

const inBrowser = typeof window !== 'undefined';
if (inBrowser) i18next.use(LanguageDetector);

void i18next.use(initReactI18next).init({
  resources,
  ns: NAMESPACES,
  defaultNS: 'common',
  fallbackLng: 'en',
  supportedLngs: [...LANGS],
  // ko-KR → ko, zh-CN → zh.
  nonExplicitSupportedLngs: true,
  load: 'languageOnly',
  initAsync: false,
  // React escapes what it renders.
  interpolation: { escapeValue: false },
  returnNull: false,
  saveMissing: true,
  missingKeyHandler: (_lngs, ns, key) => {
    missingKeys.push(`${ns}:${key}`);
    if (inBrowser) (window as unknown as { __hopscopeMissingKeys?: string[] }).__hopscopeMissingKeys = missingKeys;
  },
  detection: {
    order: ['querystring', 'localStorage', 'navigator'],
    lookupQuerystring: LANG_PARAM,
    lookupLocalStorage: LANG_STORAGE_KEY,
    // Only the header switch saves a choice: a shared `?lang=` link does not change it.
    caches: [],
  },
  react: { useSuspense: false },
});

export const i18n = i18next;

/** The language i18next settled on (one of en, ko, zh). */
export function detectedLang(): Lang {
  const resolved = i18next.resolvedLanguage ?? i18next.language;
  return isLang(resolved) ? resolved : 'en';
}

/** A `t` bound to a language and namespace, for text made outside React (exports). */
export function fixedT(lang: Lang, ns: string) {
  return i18next.getFixedT(lang, ns);
}

export function rememberLang(lang: Lang): void {
  try {
    window.localStorage.setItem(LANG_STORAGE_KEY, lang);
  } catch {
    // Not remembered; the switch still works for this visit.
  }
}
