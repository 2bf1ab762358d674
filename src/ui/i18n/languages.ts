/** The interface's languages. Their names are written in themselves, so they read the same in every language. */
import type { Lang } from '../../engine';

export type { Lang };

export const LANGS: readonly Lang[] = ['en', 'ko', 'zh'];

export const LANGUAGE_NAMES: Record<Lang, string> = { en: 'English', ko: '한국어', zh: '简体中文' };

/** The BCP 47 tag for `<html lang>` (fonts and screen readers pick by it). */
export const HTML_LANG: Record<Lang, string> = { en: 'en', ko: 'ko', zh: 'zh-Hans' };

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGS as readonly string[]).includes(value);
}
