/**
 * Every catalog file `locales/<lang>/<namespace>.json`, found at build time: adding a namespace
 * is adding its three files, nothing to register.
 */
import type { Resource } from 'i18next';
import { LANGS } from './languages';

type Catalog = { [key: string]: string | Catalog };

const files = import.meta.glob<Catalog>('./locales/*/*.json', { eager: true, import: 'default' });

function collect(): Resource {
  const resources: Resource = Object.fromEntries(LANGS.map((lang) => [lang, {}]));
  for (const [path, catalog] of Object.entries(files)) {
    const [, lang, ns] = /\.\/locales\/([^/]+)\/([^/]+)\.json$/.exec(path) ?? [];
    if (lang && ns && resources[lang]) resources[lang][ns] = catalog;
  }
  return resources;
}

export const resources = collect();

/** The namespaces, as the English catalog has them. */
export const NAMESPACES: readonly string[] = Object.keys(resources.en ?? {}).sort();
