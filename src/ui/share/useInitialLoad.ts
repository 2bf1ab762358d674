import { useEffect } from 'react';
import { loadWorkspace } from '../shell/workspaceStorage';
import { useHopscope } from '../store/StoreProvider';
import type { UrlState } from '../url';
import type { DecodeResult } from './codec';

/**
 * The embedded player's start: a shared workspace, a scenario, or the workspace kept in this tab.
 * (The full page does the same in App, plus the gallery and guided mode, which a player has not.)
 */
export function useInitialLoad(initial: UrlState, shared: DecodeResult | null) {
  const openScenario = useHopscope((s) => s.openScenario);
  const restoreWorkspace = useHopscope((s) => s.restoreWorkspace);
  const newWorkspace = useHopscope((s) => s.newWorkspace);
  useEffect(() => {
    if (shared?.ok) {
      void restoreWorkspace(shared.workspace);
      return;
    }
    if (initial.mode === 'scenario') {
      void openScenario(initial.scenario, initial.step);
      return;
    }
    if (initial.mode === 'gallery') {
      // An embed link that names no scenario: an empty player that says so.
      newWorkspace();
      return;
    }
    const saved = loadWorkspace();
    if (saved) void restoreWorkspace(saved);
    else newWorkspace();
  }, [initial, shared, openScenario, restoreWorkspace, newWorkspace]);
}
