import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scenarioFilesAsync } from '../../engine/testing/scenario-files';
import { createHopscopeStore } from './createHopscopeStore';

async function yamlsFromDisk(): Promise<Record<string, string>> {
  const ids = readdirSync('scenarios').filter((id) => statSync(join('scenarios', id)).isDirectory());
  return Object.fromEntries(ids.map((id) => [id, readFileSync(join('scenarios', id, 'scenario.yaml'), 'utf8')]));
}

describe('gallery slice', () => {
  it('lists every bundled scenario from its scenario.yaml alone', async () => {
    const store = createHopscopeStore({ loadFiles: scenarioFilesAsync, loadScenarioYamls: yamlsFromDisk });
    await store.getState().openGallery();
    const s = store.getState();
    expect(s.galleryOpen).toBe(true);
    expect(s.galleryStatus).toBe('ready');
    expect(s.galleryEntries.map((e) => e.id).sort()).toEqual(Object.keys(await yamlsFromDisk()).sort());
    const entry = s.galleryEntries.find((e) => e.id === 'pod-to-clusterip')!;
    expect(entry).toMatchObject({ level: 'beginner', datapath: 'kube-proxy-iptables' });
    expect(entry.topics).toContain('dnat');
  });

  it('leaves out a scenario whose yaml cannot be read, and says so when the loader fails', async () => {
    const store = createHopscopeStore({ loadFiles: scenarioFilesAsync, loadScenarioYamls: async () => ({ good: 'title: Good\ninputs: [{file: a}]\npackets: [{from: x, packet: tcp 1.1.1.1 > 2.2.2.2:80}]', bad: ': [' }) });
    await store.getState().openGallery();
    expect(store.getState().galleryEntries.map((e) => e.id)).toEqual(['good']);
    const failing = createHopscopeStore({ loadFiles: scenarioFilesAsync, loadScenarioYamls: async () => Promise.reject(new Error('offline')) });
    await failing.getState().openGallery();
    expect(failing.getState().galleryStatus).toBe('error');
  });

  it('closes when a scenario opens', async () => {
    const store = createHopscopeStore({ loadFiles: scenarioFilesAsync, loadScenarioYamls: yamlsFromDisk });
    await store.getState().openGallery();
    await store.getState().openScenario('pod-to-clusterip');
    expect(store.getState().galleryOpen).toBe(false);
  });
});

describe('editing a dump', () => {
  it("makes a scenario's dumps the user's workspace and traces the edited text", async () => {
    const store = createHopscopeStore({ loadFiles: scenarioFilesAsync });
    await store.getState().openScenario('pod-to-clusterip');
    const before = store.getState();
    const name = 'pod-to-clusterip/node-1/iptables-save.txt';
    const original = before.workspace.inputs.find((i) => i.name === name)!.text!;
    expect(before.hops.some((h) => h.decidedBy?.target === 'DNAT')).toBe(true);
    // Without its DNAT rules, the Service address is no longer translated.
    const edited = original
      .split('\n')
      .filter((l) => !l.includes('-j DNAT'))
      .join('\n');
    await store.getState().setInputText(name, edited);
    const after = store.getState();
    expect(after.mode).toBe('workspace');
    expect(after.scenarioId).toBe('pod-to-clusterip');
    expect(after.workspace.inputs.find((i) => i.name === name)!.text).toBe(edited);
    expect(after.hops.some((h) => h.decidedBy?.target === 'DNAT')).toBe(false);
    // The bundled scenario is untouched: opening it again brings the original back.
    await store.getState().openScenario('pod-to-clusterip');
    expect(store.getState().workspace.inputs.find((i) => i.name === name)!.text).toBe(original);
    expect(store.getState().mode).toBe('scenario');
  });
});
