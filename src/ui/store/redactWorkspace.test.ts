import { describe, expect, it } from 'vitest';
import { scenarioFilesAsync } from '../../engine/testing/scenario-files';
import { createHopscopeStore } from './createHopscopeStore';

describe('redactWorkspace', () => {
  it('redacts dumps, packet and choices; the trace keeps its hops and verdict', async () => {
    const store = createHopscopeStore({ loadFiles: scenarioFilesAsync });
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
