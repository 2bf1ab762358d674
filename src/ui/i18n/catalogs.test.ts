/**
 * Every namespace has the same keys and the same interpolation parameters in en, ko and zh, the
 * plural forms each language needs, and no empty value.
 */
import { describe, expect, it } from 'vitest';
import { LANGS } from './languages';
import { NAMESPACES, resources } from './resources';

type Catalog = { [key: string]: string | Catalog };

const PLURAL = /_(zero|one|two|few|many|other)$/;

function flatten(catalog: Catalog, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(catalog)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

function params(text: string): string[] {
  return [...text.matchAll(/\{\{\s*([\w.]+)[^}]*\}\}/g)].map((m) => m[1]!).sort();
}

/** Keys with plural suffixes folded to their base, with the union of parameters of the forms. */
function shape(entries: Map<string, string>): Map<string, string[]> {
  const out = new Map<string, Set<string>>();
  for (const [key, value] of entries) {
    const base = key.replace(PLURAL, '');
    const set = out.get(base) ?? new Set<string>();
    for (const p of params(value)) set.add(p);
    if (PLURAL.test(key)) set.add('count');
    out.set(base, set);
  }
  return new Map([...out].map(([k, v]) => [k, [...v].sort()]));
}

const catalog = (lang: string, ns: string) => flatten((resources[lang]?.[ns] ?? {}) as Catalog);

describe('UI catalogs', () => {
  it('finds the namespaces, each with a file in every language', () => {
    expect(NAMESPACES.length).toBeGreaterThan(0);
    for (const lang of LANGS) expect(Object.keys(resources[lang] ?? {}).sort(), lang).toEqual([...NAMESPACES]);
  });

  for (const ns of NAMESPACES) {
    describe(ns, () => {
      const en = shape(catalog('en', ns));
      for (const lang of LANGS) {
        it(`${lang}: same keys and parameters as en`, () => {
          expect(Object.fromEntries(shape(catalog(lang, ns)))).toEqual(Object.fromEntries(en));
        });
        it(`${lang}: no empty value, and the plural forms the language needs`, () => {
          const entries = catalog(lang, ns);
          for (const [key, value] of entries) expect(value.trim(), `${lang}/${ns}: ${key}`).not.toBe('');
          const needed = new Intl.PluralRules(lang).resolvedOptions().pluralCategories;
          const plurals = new Set([...entries.keys()].filter((k) => PLURAL.test(k)).map((k) => k.replace(PLURAL, '')));
          for (const base of plurals) {
            for (const form of needed) expect(entries.has(`${base}_${form}`), `${lang}/${ns}: ${base}_${form}`).toBe(true);
          }
        });
      }
    });
  }
});
