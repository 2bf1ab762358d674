/** A scenario: a folder of dumps and a `scenario.yaml` that says what they are and what to send. */
import type { SourceSpan } from '../diagnostics';
import type { InputFile } from '../model/types';
import type { HopKind, LegKind } from '../trace/types';
import type { LocalizedText } from './localize';

export type Level = 'beginner' | 'intermediate' | 'advanced';

export interface ScenarioPacket {
  /** A short name, e.g. "request". */
  name: string;
  /** Where it starts: a namespace id ("node-1/client"), a pod name, or an IP. */
  from: string;
  /** A packet spec, e.g. "tcp 10.244.1.2:40000 > 10.96.0.100:80". */
  packet: string;
  /** The packet arrives on this interface of `from` (from outside) instead of a local socket. */
  in?: string;
  /** Branch choices to follow by default (see `Trace.branches`). */
  choices?: Record<string, string>;
}

/**
 * Picks hops of a trace by what they are, never by their position, so a narration or a
 * question stays on its hop when the dumps change. Every given field must hold; `nth` picks
 * among several matching hops (1 = the first, in the order the packet lives them).
 */
export interface HopAnchor {
  leg?: LegKind;
  kind?: HopKind;
  node?: string;
  /** The namespace's name ("" or omitted for a node's root namespace is not a filter). */
  netns?: string;
  iface?: string;
  hook?: string;
  table?: string;
  chain?: string;
  /** A text the deciding rule contains, e.g. "KUBE-MARK-MASQ" or "--to-destination". */
  rule?: string;
  nth?: number;
}

/** An author's sentence for a hop, shown instead of the engine's explanation. */
export interface ScenarioNarration {
  /** The packet (by name) whose trace it belongs to; the first packet when omitted. */
  packet: string;
  at: HopAnchor;
  text: LocalizedText;
  /** True for a hop that exists only on some branches (no error when it is absent). */
  optional: boolean;
  span: SourceSpan;
}

/**
 * What a guided-mode question asks. `next-hop`: where does the packet go after the anchor hop
 * (each choice names a hop by an anchor; the right one is the choice whose hop comes first).
 * `field`: which header fields does the anchor hop change (each choice lists fields; the
 * right one lists exactly the fields the trace changes there).
 */
export type QuestionKind = 'next-hop' | 'field';

export interface QuestionChoice {
  text: LocalizedText;
  /** For `next-hop`: the hop this choice stands for, searched after the question's hop. */
  hop?: HopAnchor;
  /** For `field`: the header fields this choice says change, e.g. ["ip.dst", "l4.dport"]. */
  fields?: string[];
}

export interface ScenarioQuestion {
  id: string;
  packet: string;
  kind: QuestionKind;
  /** The hop the question is asked at: playback stops here, before the answer is shown. */
  at: HopAnchor;
  prompt: LocalizedText;
  choices: QuestionChoice[];
  explanation: LocalizedText;
  span: SourceSpan;
}

export interface Scenario {
  id: string;
  title: LocalizedText;
  summary: LocalizedText;
  level: Level;
  datapath: string;
  topics: string[];
  goals: LocalizedText[];
  inputs: InputFile[];
  packets: ScenarioPacket[];
  narration: ScenarioNarration[];
  questions: ScenarioQuestion[];
}
