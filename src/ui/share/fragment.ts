/**
 * Share links: the address of the current hop (`?scenario=…&step=…&lang=…`), optionally as a
 * compact embed (`&embed=1`), and for a workspace of one's own the whole workspace in the URL
 * fragment (`#ws=…`). A fragment is never sent to a server: browsers keep it on the client.
 */
import type { Lang } from '../../engine';

/** The fragment key that carries an encoded workspace. */
export const FRAGMENT_KEY = 'ws';
export const EMBED_PARAM = 'embed';
export const PRESENT_PARAM = 'present';

/** The encoded workspace in a location's hash, or null. */
export function readShareFragment(hash: string): string | null {
  const params = new URLSearchParams(hash.startsWith('#') ? hash.slice(1) : hash);
  return params.get(FRAGMENT_KEY);
}

export type ShareTarget = { mode: 'scenario'; scenario: string } | { mode: 'workspace'; encoded: string };

export interface LinkOptions {
  /** Where the app lives: origin + path, e.g. `https://example.org/hopscope/`. */
  base: string;
  target: ShareTarget;
  /** 0-based, written 1-based like the hop counter. */
  step: number;
  lang: Lang;
  embed?: boolean;
}

export function shareUrl({ base, target, step, lang, embed }: LinkOptions): string {
  const params = new URLSearchParams();
  if (target.mode === 'scenario') params.set('scenario', target.scenario);
  else params.set('workspace', '1');
  params.set('step', String(step + 1));
  params.set('lang', lang);
  if (embed) params.set(EMBED_PARAM, '1');
  const hash = target.mode === 'workspace' ? `#${FRAGMENT_KEY}=${target.encoded}` : '';
  return `${base}?${params.toString()}${hash}`;
}

/** Attribute values escaped for HTML, so a title with quotes cannot break out of the snippet. */
function attr(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function iframeSnippet(src: string, title: string): string {
  return `<iframe src="${attr(src)}" title="${attr(title)}" width="960" height="540" style="border:0" loading="lazy" referrerpolicy="no-referrer"></iframe>`;
}
