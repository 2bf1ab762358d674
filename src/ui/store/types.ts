/**
 * The shape of the one Hopscope store: slices combined by `createHopscopeStore`.
 * The workspace (inputs, packet, choices, settings) is plain, serialisable data: it is what a
 * share link will restore. Everything derived from it comes from the engine, called in actions.
 */
import type { StateCreator, StoreApi } from 'zustand/vanilla';
import type { Catalog, Diagnostic, HopNode, InputFormat, Lang, LegNode, Scenario, Topology, Trace } from '../../engine';
import type { EngineClient } from '../analysis/client';
import type { ChainListing, ChainQuery, InputReport, Progress } from '../analysis/protocol';
import type { GallerySlice } from './gallerySlice';
import type { GuidedSlice } from './guidedSlice';

export type { Lang };
export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';
/** A trace leg's kind (request, reply, a later packet, ...), as the engine names it. */
export type LegName = LegNode['leg'];

/** Fetches a scenario's files (paths relative to its folder → text). Injected so tests can fake it. */
export type ScenarioFilesLoader = (id: string) => Promise<Record<string, string>>;

/**
 * One dump in the workspace. `name` is unique in the workspace and is what diagnostics cite.
 * Its content is `text`, or `file` for a dropped file the page has not read (inputContent.ts).
 */
export interface WorkspaceInput {
  name: string;
  text?: string;
  /** A dropped or picked file: its bytes go to the worker unread; the page reads it on demand. */
  file?: Blob;
  /** The node it was taken on; empty means the engine's default. */
  node?: string;
  /** A pod or container namespace on that node; empty for the node's root namespace. */
  netns?: string;
  /** The user's choice of format; absent means "as detected". */
  format?: InputFormat;
}

export interface PacketForm {
  /** Where the packet starts: a namespace id, pod name or address. */
  from: string;
  /** An interface of `from` the packet arrives on (a packet from outside); null = a local socket sends it. */
  in: string | null;
  /** `PROTO [SRC[:PORT]] > DST[:PORT]`. */
  spec: string;
}

export interface WorkspaceSettings {
  /** net.bridge.bridge-nf-call-iptables. */
  bridgeNfCallIptables: boolean;
  /** After the reply, follow a later packet of the same connection. */
  later: boolean;
}

/** Everything a user made: restoring this reproduces the trace. */
export interface Workspace {
  inputs: WorkspaceInput[];
  packet: PacketForm;
  choices: Record<string, string>;
  settings: WorkspaceSettings;
}

export type Mode = 'scenario' | 'workspace';

export interface WorkspaceSlice {
  mode: Mode;
  scenarioId: string | null;
  /** The open scenario's description (title, goals, packets); null in a workspace of one's own. */
  scenario: Scenario | null;
  /** Which of the scenario's packets is simulated. */
  packetIndex: number;
  workspace: Workspace;
  /** Bumped on every change of `workspace.inputs`; the analysis re-reads the dumps when it moves. */
  inputsRev: number;
  loadStatus: LoadStatus;
  loadError: string | null;
  /** Diagnostics about the scenario description itself (scenario.yaml), shown with the model's. */
  sourceDiagnostics: Diagnostic[];
  /** Loads a scenario's files, then analyses them; `step` is where playback starts. */
  openScenario: (id: string, step?: number) => Promise<void>;
  /** An empty workspace of one's own. */
  newWorkspace: () => void;
  /** The open scenario's dumps become the user's workspace, to edit. */
  editScenarioDumps: () => void;
  /** Replaces the workspace (a restored one); analyses it. */
  restoreWorkspace: (workspace: Workspace) => Promise<void>;
  addInputs: (inputs: WorkspaceInput[]) => Promise<void>;
  updateInput: (name: string, patch: Partial<Omit<WorkspaceInput, 'name' | 'text'>>) => Promise<void>;
  /** Replaces a dump's text (an edit); a scenario's dumps become the user's workspace. */
  setInputText: (name: string, text: string) => Promise<void>;
  removeInput: (name: string) => Promise<void>;
  /**
   * Replaces addresses and names in every dump, the packet and the choices (one random mapping;
   * see the engine's `redactInputs`); the trace stays the same shape. Returns what was replaced.
   */
  redactWorkspace: () => Promise<{ addresses: number; macs: number; names: number }>;
  setPacket: (patch: Partial<PacketForm>) => void;
  /** Traces the packet the form describes. */
  tracePacket: () => Promise<void>;
  selectPacket: (index: number) => Promise<void>;
  choose: (key: string, value: string) => Promise<void>;
  setSetting: <K extends keyof WorkspaceSettings>(key: K, value: WorkspaceSettings[K]) => Promise<void>;
}

export interface AnalysisSlice {
  /** Parsing the dumps: progress while the worker reads them. */
  parseStatus: 'idle' | 'parsing' | 'ready' | 'error';
  progress: Progress | null;
  /** The inputsRev the current model was built from. */
  parsedRev: number;
  reports: InputReport[];
  catalog: Catalog | null;
  topology: Topology | null;
  trace: Trace | null;
  /** All legs' hops in order: the animation steps. */
  hops: HopNode[];
  /** For each hop, the leg it belongs to (parallel to `hops`). */
  hopLegs: LegName[];
  /** The indices of `hops` the event list shows at the current detail level (stepping visits these). */
  shown: number[];
  diagnostics: Diagnostic[];
  /** Why the packet form cannot be traced (validated with the engine's parser), or null. */
  packetError: Diagnostic | null;
  analysisError: string | null;
  /** Full chains fetched for the chain view, by `chainKey`. */
  chains: Record<string, ChainListing | 'loading' | 'missing'>;
  /** Reads the dumps again if they changed, then traces the packet. */
  analyze: () => Promise<void>;
  /** Fetches a chain's rules for the chain view (once per chain). */
  loadChain: (query: ChainQuery) => Promise<void>;
}

export type DetailLevel = 'detailed' | 'summary' | 'minimal';

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
  /** To the first hop of the next or previous leg. */
  nextLeg: () => void;
  prevLeg: () => void;
  togglePlay: () => void;
  pause: () => void;
  setSpeed: (msPerHop: number) => void;
}

export interface ZoomTransform {
  x: number;
  y: number;
  k: number;
}

export type Theme = 'light' | 'dark';
export type CentreView = 'topology' | 'netfilter' | 'chain';

export interface FileView {
  file: string;
  line: number;
  /** 1-based; with `endColumn` (exclusive) the span on the line is marked too. */
  column?: number;
  endColumn?: number;
}

export interface ViewSlice {
  transform: ZoomTransform;
  lang: Lang;
  theme: Theme;
  detail: DetailLevel;
  centre: CentreView;
  /** The dump open in the file viewer, scrolled to a line. */
  fileView: FileView | null;
  helpOpen: boolean;
  /** The workspace panel (inputs, packet builder) is open. */
  panelOpen: boolean;
  /** Presenter mode: large type, high contrast, a pointer highlight (src/ui/present). */
  presenting: boolean;
  setTransform: (t: ZoomTransform) => void;
  setLang: (lang: Lang) => void;
  setTheme: (theme: Theme) => void;
  setDetail: (detail: DetailLevel) => void;
  setCentre: (view: CentreView) => void;
  openFile: (view: FileView | null) => void;
  setHelpOpen: (open: boolean) => void;
  setPanelOpen: (open: boolean) => void;
  setPresenting: (on: boolean) => void;
}

export type HopscopeState = WorkspaceSlice & AnalysisSlice & PlaybackSlice & ViewSlice & GallerySlice & GuidedSlice;
export type HopscopeStore = StoreApi<HopscopeState>;
export type SliceCreator<T> = StateCreator<HopscopeState, [], [], T>;

export interface StoreDeps {
  loadFiles: ScenarioFilesLoader;
  engine: EngineClient;
}
