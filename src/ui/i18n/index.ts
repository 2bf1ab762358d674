/** The interface's languages: i18next with one catalog file per namespace and language (see ../README.md). */
export { i18n, detectedLang, fixedT, rememberLang, missingKeys, LANG_STORAGE_KEY } from './i18n';
export { LANGS, LANGUAGE_NAMES, HTML_LANG, isLang, type Lang } from './languages';
export { NAMESPACES, resources } from './resources';
export { applyLang, useLanguageSync } from './useLanguageSync';
export { warmNumberFormatWhenIdle } from './warmNumberFormat';
