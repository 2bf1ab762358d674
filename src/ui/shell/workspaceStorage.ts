/**
 * A workspace of one's own survives a reload of the tab: it is kept in sessionStorage (this
 * machine, this tab; nothing leaves it). Dumps too large for the storage quota are not kept,
 * and the page says nothing worse than starting empty.
 */
import { totalInputSize, workspaceWithTexts } from '../store/inputContent';
import { isWorkspace } from '../store/workspaceData';
import type { Workspace } from '../store/types';

const KEY = 'hopscope.workspace.v1';

/** Beyond this many characters of dumps the workspace is not kept (sessionStorage holds a few MB). */
const MAX_CHARS = 4_000_000;

export async function saveWorkspace(workspace: Workspace): Promise<boolean> {
  // Reading and serialising a huge workspace would stall the page only to hit the quota.
  if (totalInputSize(workspace.inputs) > MAX_CHARS) return clear();
  try {
    window.sessionStorage.setItem(KEY, JSON.stringify(await workspaceWithTexts(workspace)));
    return true;
  } catch {
    return clear();
  }
}

function clear(): false {
  try {
    window.sessionStorage.removeItem(KEY);
  } catch {
    // Storage unavailable: nothing to clean.
  }
  return false;
}

export function loadWorkspace(): Workspace | null {
  try {
    const text = window.sessionStorage.getItem(KEY);
    const value: unknown = text ? JSON.parse(text) : null;
    return isWorkspace(value) ? value : null;
  } catch {
    return null;
  }
}
