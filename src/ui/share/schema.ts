/**
 * What a share link may contain, and nothing more: a workspace (dumps as text, the packet form,
 * branch choices, settings). The content is untrusted, so it is parsed without letting any key
 * reach an object's prototype, then checked against a strict schema: unknown fields are refused,
 * so nothing in a link can name a URL to fetch or a script to run.
 */
import { z } from 'zod';
import { INPUT_FORMATS } from '../../engine';
import type { Workspace } from '../store/types';
import { MAX_CHOICES, MAX_FIELD_CHARS, MAX_INFLATED_BYTES, MAX_INPUTS, MAX_NAME_CHARS } from './limits';

/** The payload's format version; a link of another version is refused, not guessed at. */
export const SHARE_VERSION = 1;

const short = z.string().max(MAX_FIELD_CHARS);
const name = z.string().min(1).max(MAX_NAME_CHARS);

const inputSchema = z.strictObject({
  name,
  text: z.string().max(MAX_INFLATED_BYTES),
  node: name.optional(),
  netns: name.optional(),
  format: z.enum(INPUT_FORMATS).optional(),
});

export const workspaceSchema = z.strictObject({
  inputs: z
    .array(inputSchema)
    .max(MAX_INPUTS)
    .refine((inputs) => new Set(inputs.map((i) => i.name)).size === inputs.length, 'input names must be unique'),
  packet: z.strictObject({ from: short, in: short.nullable(), spec: short }),
  choices: z.record(short, short).refine((c) => Object.keys(c).length <= MAX_CHOICES, 'too many choices'),
  settings: z.strictObject({ bridgeNfCallIptables: z.boolean(), later: z.boolean() }),
});

export const payloadSchema = z.strictObject({ v: z.literal(SHARE_VERSION), workspace: workspaceSchema });

export type SharePayload = { v: typeof SHARE_VERSION; workspace: Workspace };

/** Keys that could reach Object.prototype when code later copies or merges the value. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export class ForbiddenKeyError extends Error {
  constructor(readonly key: string) {
    super(`forbidden key “${key}”`);
  }
}

/** JSON.parse that refuses prototype-polluting keys anywhere in the document. */
export function parseUntrustedJson(text: string): unknown {
  return JSON.parse(text, function (key, value: unknown) {
    if (FORBIDDEN_KEYS.has(key)) throw new ForbiddenKeyError(key);
    return value;
  });
}
