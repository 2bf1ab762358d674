import type { InputsSlice, ScenarioFilesLoader, SliceCreator } from './types';

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export const createInputsSlice =
  (loadFiles: ScenarioFilesLoader): SliceCreator<InputsSlice> =>
  (set, get) => {
    // Counts openScenario calls: a slow load that finishes after a newer one started is ignored.
    let latest = 0;
    return {
      scenarioId: null,
      files: {},
      packetIndex: 0,
      choices: {},
      loadStatus: 'idle',
      loadError: null,
      openScenario: async (id, step = 0) => {
        const request = ++latest;
        set({ scenarioId: id, loadStatus: 'loading', loadError: null, playing: false, choices: {}, packetIndex: 0 });
        let files: Record<string, string>;
        try {
          files = await loadFiles(id);
        } catch (e) {
          if (request === latest) set({ loadStatus: 'error', loadError: errorText(e) });
          return;
        }
        if (request !== latest) return;
        set({ files, step: Math.max(0, step) });
        get().analyze();
        set({ loadStatus: 'ready' });
      },
      selectPacket: (packetIndex) => {
        set({ packetIndex, choices: {}, step: 0, playing: false });
        get().analyze();
      },
      choose: (key, value) => {
        set({ choices: { ...get().choices, [key]: value } });
        get().analyze();
      },
    };
  };
