/**
 * The workspace slice: which scenario is open (or a workspace of one's own), and the workspace
 * itself: dumps, packet form, branch choices and settings. Every change that affects the trace
 * calls `analyze`, which asks the engine.
 */
import { parsePacketSpec, renderMessage } from '../../engine';
import { WorkerFailure } from '../analysis/client';
import type { Diagnostic } from '../../engine';
import type { EngineClient } from '../analysis/client';
import { fixedT } from '../i18n';
import { workspaceWithTexts } from './inputContent';
import type { HopscopeState, ScenarioFilesLoader, SliceCreator, WorkspaceSlice } from './types';
import { emptyWorkspace, uniqueName, workspaceFromScenario } from './workspaceData';

function scenarioUnreadable(lang: HopscopeState['lang'], id: string, detail: string | undefined): string {
  const t = fixedT(lang, 'shell');
  return t('errors.scenarioUnreadable', { id, detail: detail ?? t('errors.noScenarioYaml') });
}

function errorText(e: unknown, lang: HopscopeState['lang']): string {
  if (e instanceof WorkerFailure && !e.message) return fixedT(lang, 'shell')('errors.workerFailed');
  return e instanceof Error ? e.message : String(e);
}

/** The packet form's spec checked by the engine's own parser: the first diagnostic, or null. */
export function specError(spec: string): Diagnostic | null {
  if (!spec.trim()) return null;
  return parsePacketSpec(spec).diagnostics[0] ?? null;
}

export const createWorkspaceSlice =
  (loadFiles: ScenarioFilesLoader, engine: EngineClient): SliceCreator<WorkspaceSlice> =>
  (set, get) => {
    // Counts openScenario calls: a slow load that finishes after a newer one started is ignored.
    let latest = 0;
    const inputsChanged = (patch: Partial<HopscopeState>) => {
      set({ ...patch, inputsRev: get().inputsRev + 1 });
      return get().analyze();
    };
    return {
      mode: 'scenario',
      scenarioId: null,
      scenario: null,
      packetIndex: 0,
      workspace: emptyWorkspace(),
      inputsRev: 0,
      loadStatus: 'idle',
      loadError: null,
      sourceDiagnostics: [],
      openScenario: async (id, step = 0) => {
        const request = ++latest;
        set({ mode: 'scenario', scenarioId: id, scenario: null, loadStatus: 'loading', loadError: null, playing: false, packetIndex: 0 });
        let files: Record<string, string>;
        try {
          files = await loadFiles(id);
        } catch (e) {
          if (request === latest) set({ loadStatus: 'error', loadError: errorText(e, get().lang) });
          return;
        }
        if (request !== latest) return;
        let loaded;
        try {
          loaded = await engine.scenario(id, files);
        } catch (e) {
          if (request === latest) set({ loadStatus: 'error', loadError: errorText(e, get().lang) });
          return;
        }
        if (request !== latest) return;
        if (!loaded.value) {
          set({ sourceDiagnostics: loaded.diagnostics, loadStatus: 'error', loadError: scenarioUnreadable(get().lang, id, loaded.diagnostics[0] && renderMessage(loaded.diagnostics[0].text, get().lang)) });
          return;
        }
        set({ sourceDiagnostics: loaded.diagnostics, scenario: loaded.value, workspace: workspaceFromScenario(loaded.value, 0), step: Math.max(0, step), inputsRev: get().inputsRev + 1 });
        await get().analyze();
        if (request === latest) set({ loadStatus: 'ready' });
      },
      newWorkspace: () => {
        latest++;
        set({ mode: 'workspace', scenarioId: null, scenario: null, sourceDiagnostics: [], loadStatus: 'ready', loadError: null, panelOpen: true, step: 0, playing: false });
        void inputsChanged({ workspace: emptyWorkspace() });
      },
      editScenarioDumps: () => {
        // The dumps and packet stay; only who owns them changes.
        set({ mode: 'workspace', panelOpen: true, loadStatus: 'ready' });
      },
      restoreWorkspace: async (workspace) => {
        latest++;
        set({ mode: 'workspace', scenarioId: null, scenario: null, sourceDiagnostics: [], loadStatus: 'ready', loadError: null, panelOpen: true, workspace, packetError: specError(workspace.packet.spec) });
        await inputsChanged({});
      },
      addInputs: async (added) => {
        const { workspace } = get();
        const taken = new Set(workspace.inputs.map((i) => i.name));
        const named = added.map((i) => {
          const name = uniqueName(i.name, taken);
          taken.add(name);
          return { ...i, name };
        });
        await inputsChanged({ mode: 'workspace', workspace: { ...workspace, inputs: [...workspace.inputs, ...named] } });
      },
      updateInput: async (name, patch) => {
        const { workspace } = get();
        const inputs = workspace.inputs.map((i) => {
          if (i.name !== name) return i;
          const next = { ...i, ...patch };
          // An empty field means "the default": drop the key so the data stays minimal.
          for (const k of ['node', 'netns', 'format'] as const) if (!next[k]) delete next[k];
          return next;
        });
        await inputsChanged({ mode: 'workspace', workspace: { ...workspace, inputs } });
      },
      setInputText: async (name, text) => {
        // Editing a scenario's dump makes the dumps the user's own; the bundled scenario stays as it is.
        const { workspace } = get();
        const inputs = workspace.inputs.map((i) => {
          if (i.name !== name) return i;
          // The edited text replaces a dropped file's content.
          const { file: _replaced, ...rest } = i;
          return { ...rest, text };
        });
        await inputsChanged({ mode: 'workspace', workspace: { ...workspace, inputs } });
      },
      removeInput: async (name) => {
        const { workspace } = get();
        await inputsChanged({ mode: 'workspace', workspace: { ...workspace, inputs: workspace.inputs.filter((i) => i.name !== name) } });
      },
      redactWorkspace: async () => {
        // Dropped files are read first (redaction rewrites their text); then, like parsing, it runs in the analysis worker.
        const workspace = await workspaceWithTexts(get().workspace);
        const entries = Object.entries(workspace.choices);
        const texts = [workspace.packet.from, workspace.packet.spec, ...entries.flat()];
        const inputs = workspace.inputs.map(({ file: _read, ...i }) => ({ ...i, text: i.text ?? '' }));
        const r = await engine.redact({ inputs, texts, key: crypto.randomUUID() });
        const [from = '', spec = '', ...rest] = r.texts;
        const packet = { ...workspace.packet, from, spec };
        const choices = Object.fromEntries(entries.map((_, i) => [rest[2 * i]!, rest[2 * i + 1]!]));
        // A redacted scenario is no longer that scenario: it becomes a workspace of one's own.
        await inputsChanged({
          mode: 'workspace', scenarioId: null, scenario: null, sourceDiagnostics: [],
          workspace: { ...workspace, inputs: r.inputs, packet, choices }, packetError: specError(packet.spec),
        });
        return r.counts;
      },
      setPacket: (patch) => {
        const { workspace } = get();
        const packet = { ...workspace.packet, ...patch };
        set({ workspace: { ...workspace, packet }, packetError: specError(packet.spec) });
      },
      tracePacket: async () => {
        // A new packet starts with the default branches and at its first hop.
        const { workspace } = get();
        set({ workspace: { ...workspace, choices: {} }, step: 0, playing: false });
        await get().analyze();
      },
      selectPacket: async (packetIndex) => {
        const { scenario } = get();
        if (!scenario) return;
        const from = workspaceFromScenario(scenario, packetIndex);
        set({ packetIndex, step: 0, playing: false, workspace: { ...get().workspace, packet: from.packet, choices: from.choices } });
        await get().analyze();
      },
      choose: async (key, value) => {
        const { workspace } = get();
        set({ workspace: { ...workspace, choices: { ...workspace.choices, [key]: value } } });
        await get().analyze();
      },
      setSetting: async (key, value) => {
        const { workspace } = get();
        set({ workspace: { ...workspace, settings: { ...workspace.settings, [key]: value } } });
        await get().analyze();
      },
    };
  };
