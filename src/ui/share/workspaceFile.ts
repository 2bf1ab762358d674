/**
 * A workspace as a file: the way to share one too large for a link. The file is the link's
 * payload as plain JSON, and opening one goes through the same checks as a link.
 */
import type { Workspace } from '../store/types';
import { checkPayload, type DecodeResult } from './codec';
import { SHARE_VERSION } from './schema';

/** Files larger than this are refused before they are read. */
export const MAX_WORKSPACE_FILE_BYTES = 64 * 1024 * 1024;

export const WORKSPACE_FILE_SUFFIX = '.hopscope.json';

export function workspaceFileText(workspace: Workspace): string {
  return `${JSON.stringify({ v: SHARE_VERSION, workspace }, null, 1)}\n`;
}

export async function readWorkspaceFile(file: Blob): Promise<DecodeResult> {
  if (file.size > MAX_WORKSPACE_FILE_BYTES) return { ok: false, error: { code: 'tooLarge', limitBytes: MAX_WORKSPACE_FILE_BYTES } };
  return checkPayload(await file.text());
}
