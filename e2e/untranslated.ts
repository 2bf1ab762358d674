/**
 * Finds English left in a page shown in Korean or Chinese: every catalog value whose translation
 * differs from English is a needle; a visible text node (or a title, aria-label, placeholder)
 * that equals one, or contains a multi-word one, is a leftover.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';

const LOCALES = join(import.meta.dirname, '..', 'src', 'ui', 'i18n', 'locales');

type Catalog = { [key: string]: string | Catalog };

function flatten(catalog: Catalog, prefix: string, out: Map<string, string>) {
  for (const [key, value] of Object.entries(catalog)) {
    const path = `${prefix}.${key}`;
    if (typeof value === 'string') out.set(path, value);
    else flatten(value, path, out);
  }
}

function catalogs(lang: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const file of readdirSync(join(LOCALES, lang))) {
    if (file.endsWith('.json')) flatten(JSON.parse(readFileSync(join(LOCALES, lang, file), 'utf8')) as Catalog, file.replace(/\.json$/, ''), out);
  }
  return out;
}

/** A plural form's key without its suffix: en's `_one` is checked against the language's `_other`. */
const base = (key: string) => key.replace(/_(zero|one|two|few|many|other)$/, '');

export interface Needle {
  key: string;
  text: string;
  /** Multi-word pieces are looked for inside text; single words only as a whole text. */
  contains: boolean;
}

/** English pieces (placeholders and tags cut out) of every string translated differently in `lang`. */
export function englishNeedles(lang: string): Needle[] {
  const en = catalogs('en');
  const other = catalogs(lang);
  const translated = new Map<string, string[]>();
  for (const [key, value] of other) translated.set(base(key), [...(translated.get(base(key)) ?? []), value]);
  const needles: Needle[] = [];
  for (const [key, value] of en) {
    const theirs = translated.get(base(key)) ?? [];
    if (theirs.includes(value)) continue;
    for (const piece of value.split(/\{\{[^}]*\}\}|<[^>]*>/)) {
      const text = piece.trim().replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
      // Pieces with no word in them ("(", " · ") say nothing about the language.
      if (!/\p{L}{2,}/u.test(text)) continue;
      // Nor do pieces the translation keeps (technical terms such as "Netfilter", "conntrack").
      if (theirs.some((t) => t.includes(text))) continue;
      needles.push({ key, text, contains: /\s/.test(text) });
    }
  }
  return needles;
}

export interface Leftover {
  text: string;
  where: string;
  key: string;
}

/** Everything a person can read or hear on the page now: text nodes of shown elements, and the labelling attributes. */
async function pageTexts(page: Page): Promise<{ text: string; where: string }[]> {
  return page.evaluate(() => {
    const out: { text: string; where: string }[] = [];
    const describe = (el: Element) => `${el.tagName.toLowerCase()}${el.getAttribute('data-testid') ? `[data-testid=${el.getAttribute('data-testid')}]` : ''}`;
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      const text = n.textContent?.trim();
      if (!el || !text) continue;
      // Dumps and rule text are the user's data, not the interface.
      if (el.closest('pre, code, textarea, [data-testid="file-lines"]')) continue;
      // <title> and <option> are not "visible" boxes but are read out or shown on demand.
      const shown = el.closest('title, option') || el.checkVisibility({ visibilityProperty: true, opacityProperty: false });
      if (shown) out.push({ text, where: describe(el) });
    }
    for (const el of document.querySelectorAll('[title], [aria-label], [placeholder], [alt]')) {
      if (!(el as HTMLElement).checkVisibility?.() && !el.closest('svg')) continue;
      for (const attr of ['title', 'aria-label', 'placeholder', 'alt']) {
        const text = el.getAttribute(attr)?.trim();
        if (text) out.push({ text, where: `${describe(el)}@${attr}` });
      }
    }
    return out;
  });
}

export async function englishLeftovers(page: Page, needles: Needle[]): Promise<Leftover[]> {
  const texts = await pageTexts(page);
  const found: Leftover[] = [];
  for (const { text, where } of texts) {
    for (const needle of needles) {
      const hit = needle.contains ? text.includes(needle.text) : text === needle.text;
      if (hit) found.push({ text, where, key: needle.key });
    }
  }
  return found;
}
