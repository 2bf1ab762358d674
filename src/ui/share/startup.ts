/**
 * What the address asks for at start-up: the scenario or workspace and hop (query), the embed
 * and presenter flags, and a shared workspace in the fragment. The fragment is read once and
 * then removed from the address bar: the workspace lives on in this tab's session storage, and a
 * reload must not bring the link's dumps back over the user's later edits.
 */
import { readFlags, readUrl, type UrlFlags, type UrlState } from '../url';
import type { DecodeResult } from './codec';
import { readShareFragment } from './fragment';

export interface Startup {
  url: UrlState;
  flags: UrlFlags;
  /** A workspace link's content, decoded and validated (or why not); null without one. */
  shared: DecodeResult | null;
}

/** Async only for a link with a workspace: the decoder (fflate, zod) loads just then. */
export async function readStartup(): Promise<Startup> {
  const url = readUrl();
  const flags = readFlags();
  const encoded = readShareFragment(window.location.hash);
  if (encoded === null) return { url, flags, shared: null };
  const { decodeWorkspace } = await import('./codec');
  const shared = decodeWorkspace(encoded);
  window.history.replaceState(window.history.state, '', `${window.location.pathname}${window.location.search}`);
  return { url: shared.ok ? { mode: 'workspace', step: url.step } : url, flags, shared };
}
