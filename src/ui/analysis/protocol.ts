/**
 * What crosses between the page and the analysis worker. Everything here is plain data
 * (structured clone carries it); the model itself stays in the worker.
 */
import type { Catalog, Diagnostic, InputFormat, Msg, ParseResult, Scenario, SimSettings, Topology, Trace } from '../../engine';

/**
 * One input as the page sends it: a text travels as a transferred UTF-8 buffer; a dropped file
 * as the browser's handle (cloning a Blob copies no bytes), read and decoded in the worker.
 */
export interface WireInput {
  name: string;
  node?: string;
  netns?: string;
  /** A format the user chose; absent means "detect it". */
  format?: InputFormat;
  content: ArrayBuffer | Blob;
}

/** What the worker found out about one input. */
export interface InputReport {
  name: string;
  /** The format it was parsed as (the user's choice, or the detected one). */
  format: InputFormat;
  detected: { format: InputFormat; confidence: number; reason: string; why: Msg };
  bytes: number;
  lines: number;
  errors: number;
  warnings: number;
}

export interface LoadResult {
  files: InputReport[];
  diagnostics: Diagnostic[];
  /** The per-rule checks still run (in the worker, after the first trace); a `checked` message brings them. */
  checksPending?: boolean;
  catalog: Catalog;
  topology: Topology;
}

export interface TraceRequest {
  from: string;
  /** The interface the packet arrives on, for a packet from outside; null for a local socket. */
  in: string | null;
  spec: string;
  choices: Record<string, string>;
  settings: SimSettings;
  later: boolean;
}

export type TraceResult =
  | { ok: true; trace: Trace }
  /** `message` is English (logs, tests); the page shows `noModel` or the diagnostic in its own language. */
  | { ok: false; diagnostics: Diagnostic[]; message: string; noModel?: true };

/** Redaction of the workspace (in the worker: it reads every dump). `texts` (a packet, a source, branch names) are redacted the same way. */
export interface RedactRequest {
  inputs: { name: string; text: string; node?: string; netns?: string; format?: InputFormat }[];
  texts: string[];
  /** Decides the mapping; the page draws it at random. */
  key: string;
}

export interface RedactResult {
  inputs: RedactRequest['inputs'];
  texts: string[];
  counts: { addresses: number; macs: number; names: number };
}

/** After the deferred rule checks: every diagnostic of the model, and the files' counts. */
export interface CheckResult {
  files: InputReport[];
  diagnostics: Diagnostic[];
}

/** One rule of a chain as the chain view lists it. */
export interface ChainRule {
  id: string;
  position: number;
  text: string;
  target: string | null;
  line: number;
  file: string;
}

export interface ChainQuery {
  netns: string;
  table: string;
  chain: string;
}

export interface ChainListing {
  key: string;
  policy: string | null;
  rules: ChainRule[];
}

export interface Progress {
  done: number;
  total: number;
  /** What is happening now, e.g. "Reading iptables-save.txt" (English, for logs). */
  label: string;
  /** The file being read; absent while the model is built. The page words it in its language. */
  file?: string;
}

/** A scenario read from its files (scenario.yaml + dumps); the YAML reader stays off the page. */
export type ScenarioResult = ParseResult<Scenario | null>;

export type ToWorker =
  | { type: 'load'; id: number; inputs: WireInput[] }
  | { type: 'scenario'; id: number; scenarioId: string; files: Record<string, string> }
  | { type: 'trace'; id: number; request: TraceRequest }
  | { type: 'chain'; id: number; query: ChainQuery }
  | { type: 'redact'; id: number; request: RedactRequest };

export type FromWorker =
  | { type: 'progress'; id: number; progress: Progress }
  | { type: 'loaded'; id: number; result: LoadResult }
  /** The load `id`'s deferred rule checks, done. */
  | { type: 'checked'; id: number; result: CheckResult }
  | { type: 'traced'; id: number; result: TraceResult }
  | { type: 'chain'; id: number; result: ChainListing | null }
  | { type: 'scenario'; id: number; result: ScenarioResult }
  | { type: 'redacted'; id: number; result: RedactResult }
  | { type: 'failed'; id: number; message: string };

export const chainKey = (q: ChainQuery) => `${q.netns}|${q.table}|${q.chain}`;
