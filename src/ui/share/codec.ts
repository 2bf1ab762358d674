/**
 * A workspace ↔ the text of a URL fragment: JSON, raw DEFLATE (fflate), base64url. Decoding
 * treats the text as hostile: its length is checked before anything is decoded, inflation
 * stops once the output passes a limit, and the result must pass the schema.
 */
import { Deflate, Inflate, strFromU8, strToU8 } from 'fflate';
import type { Workspace } from '../store/types';
import { MAX_FRAGMENT_CHARS, MAX_INFLATED_BYTES } from './limits';
import { ForbiddenKeyError, SHARE_VERSION, parseUntrustedJson, payloadSchema } from './schema';

/** Why a link could not be read; the dialog and the notice say it in the user's language. */
export type DecodeError =
  | { code: 'tooLong'; chars: number }
  | { code: 'encoding' }
  | { code: 'tooLarge'; limitBytes: number }
  | { code: 'compression' }
  | { code: 'json' }
  | { code: 'forbiddenKey'; key: string }
  | { code: 'schema'; path: string };

export type DecodeResult = { ok: true; workspace: Workspace } | { ok: false; error: DecodeError };

/** `complete: false`: compression stopped once past the limit, so `chars` is a lower bound. */
export type EncodeResult = { ok: true; text: string } | { ok: false; chars: number; limit: number; complete: boolean };

const CHUNK = 1024;

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return null;
  try {
    const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  } catch {
    return null;
  }
}

class TooLarge extends Error {}

/** Inflates in small steps so a bomb is stopped after at most ~1 MB beyond the limit. */
function inflateBounded(bytes: Uint8Array, limit: number): Uint8Array | 'tooLarge' | 'compression' {
  const parts: Uint8Array[] = [];
  let total = 0;
  let done = false;
  const inflater = new Inflate((chunk, final) => {
    total += chunk.length;
    if (total > limit) throw new TooLarge();
    parts.push(chunk);
    if (final) done = true;
  });
  try {
    for (let i = 0; i < bytes.length; i += CHUNK) inflater.push(bytes.subarray(i, i + CHUNK), i + CHUNK >= bytes.length);
    if (bytes.length === 0) inflater.push(new Uint8Array(0), true);
  } catch (e) {
    return e instanceof TooLarge ? 'tooLarge' : 'compression';
  }
  if (!done) return 'compression';
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Input compressed per step: a few milliseconds of work between two yields to the page. */
const ENCODE_STEP = 256 * 1024;
const base64Chars = (bytes: number) => Math.ceil((bytes * 4) / 3);
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * The fragment text for a workspace, or how far over the limit it is. Its text must be read
 * (workspaceWithTexts). Compression runs in steps that yield to the page, and stops as soon as
 * the output is past the limit: a 50 MB workspace is found too large in a fraction of a second.
 */
export async function encodeWorkspace(workspace: Workspace, limit = MAX_FRAGMENT_CHARS, yieldToPage = nextTask): Promise<EncodeResult> {
  const input = strToU8(JSON.stringify({ v: SHARE_VERSION, workspace }));
  const parts: Uint8Array[] = [];
  let size = 0;
  const deflater = new Deflate({ level: 9 }, (chunk) => {
    parts.push(chunk);
    size += chunk.length;
  });
  for (let at = 0; at < input.length || at === 0; at += ENCODE_STEP) {
    deflater.push(input.subarray(at, at + ENCODE_STEP), at + ENCODE_STEP >= input.length);
    if (base64Chars(size) > limit) return { ok: false, chars: base64Chars(size), limit, complete: at + ENCODE_STEP >= input.length };
    if (at + ENCODE_STEP < input.length) await yieldToPage();
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const p of parts) {
    bytes.set(p, offset);
    offset += p.length;
  }
  const text = toBase64Url(bytes);
  return text.length <= limit ? { ok: true, text } : { ok: false, chars: text.length, limit, complete: true };
}

export function decodeWorkspace(text: string): DecodeResult {
  // Before any decoding: a link longer than we ever write is refused outright.
  if (text.length > MAX_FRAGMENT_CHARS) return { ok: false, error: { code: 'tooLong', chars: text.length } };
  const bytes = fromBase64Url(text);
  if (!bytes) return { ok: false, error: { code: 'encoding' } };
  const inflated = inflateBounded(bytes, MAX_INFLATED_BYTES);
  if (inflated === 'tooLarge') return { ok: false, error: { code: 'tooLarge', limitBytes: MAX_INFLATED_BYTES } };
  if (inflated === 'compression') return { ok: false, error: { code: 'compression' } };
  let json: string;
  try {
    json = strFromU8(inflated);
  } catch {
    return { ok: false, error: { code: 'json' } };
  }
  return checkPayload(json);
}

/** Parses and validates a payload's JSON (a link's, once inflated, or a workspace file's). */
export function checkPayload(json: string): DecodeResult {
  let value: unknown;
  try {
    value = parseUntrustedJson(json);
  } catch (e) {
    if (e instanceof ForbiddenKeyError) return { ok: false, error: { code: 'forbiddenKey', key: e.key } };
    return { ok: false, error: { code: 'json' } };
  }
  const parsed = payloadSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, error: { code: 'schema', path: issue ? issue.path.join('.') || '(root)' : '(root)' } };
  }
  return { ok: true, workspace: parsed.data.workspace as Workspace };
}
