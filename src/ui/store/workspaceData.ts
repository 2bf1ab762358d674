/** Plain-data helpers for workspaces: the empty one, one made from a scenario, unique names. */
import type { Scenario } from '../../engine';
import type { PacketForm, Workspace, WorkspaceInput, WorkspaceSettings } from './types';

export const DEFAULT_WORKSPACE_SETTINGS: WorkspaceSettings = { bridgeNfCallIptables: true, later: false };

export const EMPTY_PACKET: PacketForm = { from: '', in: null, spec: '' };

export function emptyWorkspace(): Workspace {
  return { inputs: [], packet: { ...EMPTY_PACKET }, choices: {}, settings: { ...DEFAULT_WORKSPACE_SETTINGS } };
}

/** A scenario's dumps and its chosen packet, as a workspace the user can edit. */
export function workspaceFromScenario(scenario: Scenario, packetIndex: number): Workspace {
  const packet = scenario.packets[packetIndex] ?? scenario.packets[0];
  return {
    inputs: scenario.inputs.map((i) => {
      const input: WorkspaceInput = { name: i.name, text: i.text };
      if (i.node) input.node = i.node;
      if (i.netns) input.netns = i.netns;
      if (i.format && i.format !== 'unknown') input.format = i.format;
      return input;
    }),
    packet: packet ? { from: packet.from, in: packet.in ?? null, spec: packet.packet } : { ...EMPTY_PACKET },
    choices: { ...(packet?.choices ?? {}) },
    settings: { ...DEFAULT_WORKSPACE_SETTINGS },
  };
}

/** `name`, or `name (2)`, `name (3)`… so every input in a workspace has its own name. */
export function uniqueName(name: string, taken: Set<string>): string {
  const base = name.trim() || 'pasted.txt';
  if (!taken.has(base)) return base;
  const dot = base.lastIndexOf('.');
  const [stem, ext] = dot > 0 ? [base.slice(0, dot), base.slice(dot)] : [base, ''];
  for (let n = 2; ; n++) {
    const candidate = `${stem} (${n})${ext}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** True when the value looks like a workspace (for restoring one from storage). */
export function isWorkspace(value: unknown): value is Workspace {
  if (!value || typeof value !== 'object') return false;
  const w = value as Partial<Workspace>;
  return (
    Array.isArray(w.inputs) &&
    w.inputs.every((i) => i && typeof i.name === 'string' && typeof i.text === 'string') &&
    !!w.packet &&
    typeof w.packet.from === 'string' &&
    typeof w.packet.spec === 'string' &&
    !!w.choices &&
    typeof w.choices === 'object' &&
    !!w.settings &&
    typeof w.settings.bridgeNfCallIptables === 'boolean'
  );
}
