import { describe, expect, it } from 'vitest';
import { presetPacket } from '../workspace/presets';
import { scenarioFilesAsync } from '../../engine/testing/scenario-files';
import { createHopscopeStore } from './createHopscopeStore';

describe('createHopscopeStore', () => {
  it('loads and analyses a scenario in its actions, clamping the requested step', async () => {
    const store = createHopscopeStore({ loadFiles: scenarioFilesAsync, initialStep: 10_000 });
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
    const store = createHopscopeStore({ loadFiles: scenarioFilesAsync });
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
      loadFiles: (id) => (id === 'slow' ? new Promise((r) => (release = r)) : scenarioFilesAsync(id)),
    });
    const slow = store.getState().openScenario('slow');
    await store.getState().openScenario('pod-to-clusterip');
    release({});
    await slow;
    expect(store.getState()).toMatchObject({ scenarioId: 'pod-to-clusterip', loadStatus: 'ready' });
  });

  it('re-simulates down another branch when the user picks it', async () => {
    const store = createHopscopeStore({ loadFiles: scenarioFilesAsync });
    await store.getState().openScenario('pod-to-clusterip');
    const branch = store.getState().trace!.branches[0]!;
    const other = branch.options.find((o) => o.value !== branch.chosen)!;
    await store.getState().choose(branch.key, other.value);
    expect(store.getState().trace!.branches[0]!.chosen).toBe(other.value);
  });

  it('turns a scenario into an editable workspace of plain data', async () => {
    const store = createHopscopeStore({ loadFiles: scenarioFilesAsync });
    await store.getState().openScenario('pod-to-clusterip');
    store.getState().editScenarioDumps();
    const { workspace, mode } = store.getState();
    expect(mode).toBe('workspace');
    expect(JSON.parse(JSON.stringify(workspace))).toEqual(workspace);
    expect(workspace.packet).toEqual({ from: 'node-1/client', in: null, spec: 'tcp 10.244.1.2:40000 > 10.96.0.100:80' });
    await store.getState().removeInput(workspace.inputs.find((i) => i.name.endsWith('iptables-save.txt'))!.name);
    // Without kube-proxy's rules nothing rewrites the ClusterIP: the trace changes.
    expect(store.getState().hops.some((h) => h.hop === 'chain')).toBe(false);
  });

  it('reads pasted dumps, reports their formats, and validates the packet inline', async () => {
    const files = await scenarioFilesAsync('pod-to-clusterip');
    const store = createHopscopeStore({ loadFiles: scenarioFilesAsync });
    store.getState().newWorkspace();
    await store.getState().addInputs([
      { name: 'iptables.txt', text: files['node-1/iptables-save.txt']!, node: 'node-1' },
      { name: 'addr.txt', text: files['node-1/ip-addr.txt']!, node: 'node-1' },
      { name: 'addr.txt', text: files['client/ip-addr.txt']!, node: 'node-1', netns: 'client' },
      { name: 'broken.txt', text: '*nat\n-A KUBE-SVC-X -m bogus --flag\n', node: 'node-1' },
    ]);
    const s = store.getState();
    expect(s.workspace.inputs.map((i) => i.name)).toEqual(['iptables.txt', 'addr.txt', 'addr (2).txt', 'broken.txt']);
    expect(s.reports.map((r) => r.format)).toEqual(['iptables-save', 'ip-addr', 'ip-addr', 'iptables-save']);
    expect(s.diagnostics.some((d) => d.file === 'broken.txt')).toBe(true);
    expect(s.catalog!.namespaces.map((n) => n.id)).toContain('node-1/client');

    store.getState().setPacket({ from: 'node-1/client', spec: 'tcp 10.244.1.2:40000 > 10.96.0.100' });
    expect(store.getState().packetError?.message).toMatch(/needs a destination port/);
    store.getState().setPacket({ spec: 'tcp 10.244.1.2:40000 > 10.96.0.100:80' });
    expect(store.getState().packetError).toBeNull();
    await store.getState().tracePacket();
    expect(store.getState().hops[0]!.hop).toBe('originate');
  });

  it('steps only through the hops a coarser detail level shows', async () => {
    const store = createHopscopeStore({ loadFiles: scenarioFilesAsync });
    await store.getState().openScenario('pod-to-clusterip');
    const all = store.getState().hops.length;
    store.getState().setDetail('minimal');
    const { shown, hops } = store.getState();
    expect(shown.length).toBeLessThan(all);
    expect(shown.some((i) => hops[i]!.hop === 'chain' && hops[i]!.decidedBy?.target === 'DNAT')).toBe(false);
    store.getState().first();
    store.getState().next();
    expect(store.getState().step).toBe(shown[1]);
    store.getState().setDetail('summary');
    expect(store.getState().shown.length).toBeGreaterThan(shown.length);
    expect(store.getState().shown.length).toBeLessThan(all);
  });

  it('traces the presets the dumps support: outside → NodePort arrives on an uplink; reply swaps the ends', async () => {
    const store = createHopscopeStore({ loadFiles: scenarioFilesAsync });
    await store.getState().openScenario('pod-to-clusterip');
    store.getState().editScenarioDumps();
    const { catalog, trace } = store.getState();
    const outside = presetPacket('outsideToNodePort', catalog, trace)!;
    expect(outside).toMatchObject({ from: 'node-1', in: 'eth0' });
    const reply = presetPacket('reply', catalog, trace)!;
    store.getState().setPacket(outside);
    await store.getState().tracePacket();
    expect(store.getState().hops[0]).toMatchObject({ hop: 'ingress', place: { iface: 'eth0' } });
    store.getState().setPacket(reply);
    await store.getState().tracePacket();
    expect(store.getState().hops[0]).toMatchObject({ hop: 'originate', place: { netns: 'node-1/web-1' } });
  });

  it('follows a later packet of the connection when the setting asks for it', async () => {
    const store = createHopscopeStore({ loadFiles: scenarioFilesAsync });
    await store.getState().openScenario('pod-to-clusterip');
    await store.getState().setSetting('later', true);
    expect(store.getState().trace!.legs.map((l) => l.leg)).toEqual(['request', 'reply', 'later']);
    expect(store.getState().hopLegs.at(-1)).toBe('later');
  });
});
