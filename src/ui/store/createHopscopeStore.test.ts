import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHopscopeStore } from './createHopscopeStore';

/** Reads a scenario folder from disk, as the browser's glob loader does from the bundle. */
async function loadFromDisk(id: string): Promise<Record<string, string>> {
  const root = join('scenarios', id);
  const files: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else files[relative(root, path)] = readFileSync(path, 'utf8');
    }
  };
  walk(root);
  return files;
}

describe('createHopscopeStore', () => {
  it('loads and analyses a scenario in its actions, clamping the requested step', async () => {
    const store = createHopscopeStore({ loadFiles: loadFromDisk, initialStep: 10_000 });
    await store.getState().openScenario('pod-to-clusterip', 10_000);
    const s = store.getState();
    expect(s.loadStatus).toBe('ready');
    expect(s.analysisError).toBeNull();
    expect(s.topology?.nodes.length).toBeGreaterThan(0);
    expect(s.hops.length).toBeGreaterThan(10);
    expect(s.hopLegs).toHaveLength(s.hops.length);
    expect(s.step).toBe(s.hops.length - 1);
  });

  it('steps, plays and stops at the ends', async () => {
    const store = createHopscopeStore({ loadFiles: loadFromDisk });
    await store.getState().openScenario('pod-to-clusterip');
    const { next, prev, first, last, togglePlay } = store.getState();
    expect(store.getState().step).toBe(0);
    prev();
    expect(store.getState().step).toBe(0);
    next();
    next();
    expect(store.getState().step).toBe(2);
    last();
    const end = store.getState().hops.length - 1;
    expect(store.getState().step).toBe(end);
    togglePlay(); // from the end, play restarts
    expect(store.getState()).toMatchObject({ playing: true, step: 0 });
    last();
    expect(store.getState().playing).toBe(false);
    store.setState({ playing: true });
    next(); // at the last hop, next ends playback
    expect(store.getState()).toMatchObject({ playing: false, step: end });
    first();
    expect(store.getState().step).toBe(0);
  });

  it('reports a missing scenario as a load error, not an exception', async () => {
    const store = createHopscopeStore({
      loadFiles: async (id) => {
        throw new Error(`There is no scenario “${id}”.`);
      },
    });
    await store.getState().openScenario('nope');
    expect(store.getState()).toMatchObject({ loadStatus: 'error', loadError: 'There is no scenario “nope”.' });
  });

  it('ignores a slow load that a newer one overtook', async () => {
    let release: (files: Record<string, string>) => void = () => {};
    const store = createHopscopeStore({
      loadFiles: (id) => (id === 'slow' ? new Promise((r) => (release = r)) : loadFromDisk(id)),
    });
    const slow = store.getState().openScenario('slow');
    await store.getState().openScenario('pod-to-clusterip');
    release({});
    await slow;
    expect(store.getState()).toMatchObject({ scenarioId: 'pod-to-clusterip', loadStatus: 'ready' });
  });

  it('re-simulates down another branch when the user picks it', async () => {
    const store = createHopscopeStore({ loadFiles: loadFromDisk });
    await store.getState().openScenario('pod-to-clusterip');
    const branch = store.getState().trace!.branches[0]!;
    const other = branch.options.find((o) => o.value !== branch.chosen)!;
    store.getState().choose(branch.key, other.value);
    expect(store.getState().trace!.branches[0]!.chosen).toBe(other.value);
  });
});
