/**
 * The shape of the one Hopscope store: four slices combined by `createHopscopeStore`.
 * State is plain, serialisable data (share links restore it); actions call the engine.
 */
import type { StateCreator, StoreApi } from 'zustand/vanilla';
import type { Diagnostic, HopNode, Lang, LegNode, Model, Scenario, Topology, Trace } from '../../engine';

export type { Lang };
export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';
/** A trace leg's kind (request, reply, a later packet, ...), as the engine names it. */
export type LegName = LegNode['leg'];

/** Fetches a scenario's files (paths relative to its folder → text). Injected so tests can fake it. */
export type ScenarioFilesLoader = (id: string) => Promise<Record<string, string>>;

export interface InputsSlice {
  scenarioId: string | null;
  files: Record<string, string>;
  /** Which of the scenario's packets is simulated. */
  packetIndex: number;
  /** Branch choices the user made, on top of the scenario's defaults. */
  choices: Record<string, string>;
  loadStatus: LoadStatus;
  loadError: string | null;
  /** Loads a scenario's files, then analyses them; `step` is where playback starts. */
  openScenario: (id: string, step?: number) => Promise<void>;
  selectPacket: (index: number) => void;
  choose: (key: string, value: string) => void;
}

export interface AnalysisSlice {
  scenario: Scenario | null;
  model: Model | null;
  topology: Topology | null;
  trace: Trace | null;
  /** All legs' hops in order: the animation steps. */
  hops: HopNode[];
  /** For each hop, the leg it belongs to (parallel to `hops`). */
  hopLegs: LegName[];
  diagnostics: Diagnostic[];
  analysisError: string | null;
  /** Runs the engine over the current inputs: scenario → model → topology → trace. */
  analyze: () => void;
}

export interface PlaybackSlice {
  /** Index into `hops` (0-based); the URL shows it 1-based, like the hop counter. */
  step: number;
  playing: boolean;
  msPerHop: number;
  goTo: (step: number) => void;
  next: () => void;
  prev: () => void;
  first: () => void;
  last: () => void;
  togglePlay: () => void;
  pause: () => void;
  setSpeed: (msPerHop: number) => void;
}

export interface ZoomTransform {
  x: number;
  y: number;
  k: number;
}

export interface ViewSlice {
  transform: ZoomTransform;
  lang: Lang;
  setTransform: (t: ZoomTransform) => void;
  setLang: (lang: Lang) => void;
}

export type HopscopeState = InputsSlice & AnalysisSlice & PlaybackSlice & ViewSlice;
export type HopscopeStore = StoreApi<HopscopeState>;
export type SliceCreator<T> = StateCreator<HopscopeState, [], [], T>;
