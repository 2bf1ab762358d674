/**
 * A workspace of one's own survives a reload of the tab: it is kept in sessionStorage (this
 * machine, this tab; nothing leaves it). Dumps too large for the storage quota are not kept,
 * and the page says nothing worse than starting empty.
 */
import { isWorkspace } from '../store/workspaceData';
import type { Workspace } from '../store/types';

const KEY = 'hopscope.workspace.v1';

export function saveWorkspace(workspace: Workspace): boolean {
  try {
    window.sessionStorage.setItem(KEY, JSON.stringify(workspace));
    return true;
  } catch {
    try {
      window.sessionStorage.removeItem(KEY);
    } catch {
      // Storage unavailable: nothing to clean.
    }
    return false;
  }
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
