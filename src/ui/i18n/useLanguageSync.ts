import { useEffect } from 'react';
import { useHopscopeApi } from '../store/StoreProvider';
import { writeLang } from '../url';
import { i18n } from './i18n';
import { HTML_LANG, type Lang } from './languages';

/** Sets i18next's language and `<html lang>` (the CJK font stack keys on it). */
export function applyLang(lang: Lang): void {
  if (i18n.language !== lang) void i18n.changeLanguage(lang);
  document.documentElement.lang = HTML_LANG[lang];
}

/**
 * The store's `lang` drives i18next, `<html lang>` and the URL's `lang`. A store subscription,
 * not an effect, so the interface and the engine's explanations change in the same render.
 */
export function useLanguageSync() {
  const store = useHopscopeApi();
  useEffect(() => {
    applyLang(store.getState().lang);
    return store.subscribe((s, prev) => {
      if (s.lang === prev.lang) return;
      applyLang(s.lang);
      writeLang(s.lang);
    });
  }, [store]);
}
