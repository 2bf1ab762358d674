import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHopscopeStore } from './createHopscopeStore';

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

describe('redactWorkspace', () => {
  it('redacts dumps, packet and choices; the trace keeps its hops and verdict', async () => {
    const store = createHopscopeStore({ loadFiles: loadFromDisk });
    await store.getState().openScenario('pod-to-clusterip');
    const before = store.getState();
    const kinds = (hops: typeof before.hops) => hops.map((h) => h.hop);
    const counts = await store.getState().redactWorkspace();
    const after = store.getState();
    expect(counts.addresses).toBeGreaterThan(5);
    expect(after.mode).toBe('workspace');
    expect(after.scenarioId).toBeNull();
    expect(after.workspace.inputs.map((i) => i.text).join('\n')).not.toContain('10.244.1.2');
    expect(after.workspace.packet.spec).not.toBe(before.workspace.packet.spec);
    expect(after.packetError).toBeNull();
    expect(kinds(after.hops)).toEqual(kinds(before.hops));
    expect(after.trace?.legs.map((l) => l.verdict)).toEqual(before.trace?.legs.map((l) => l.verdict));
  });
});
