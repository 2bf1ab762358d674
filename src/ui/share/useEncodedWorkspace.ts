/**
 * A workspace's share-link text, made after the dialog opens: dropped files are read and the
 * compression yields to the page (codec.ts), so opening "share" never freezes the tab.
 * `null` while it is being made, and for a scenario (its link names it instead).
 */
import { useEffect, useState } from 'react';
import { workspaceWithTexts } from '../store/inputContent';
import type { Mode, Workspace } from '../store/types';
import { encodeWorkspace, type EncodeResult } from './codec';

export function useEncodedWorkspace(mode: Mode, workspace: Workspace): EncodeResult | null {
  const [encoded, setEncoded] = useState<{ of: Workspace; result: EncodeResult } | null>(null);
  useEffect(() => {
    if (mode !== 'workspace') return;
    let current = true;
    void workspaceWithTexts(workspace)
      .then((w) => encodeWorkspace(w))
      .then((result) => {
        if (current) setEncoded({ of: workspace, result });
      });
    return () => {
      current = false;
    };
  }, [mode, workspace]);
  return mode === 'workspace' && encoded?.of === workspace ? encoded.result : null;
}
