/** A scenario: a folder of dumps and a `scenario.yaml` that says what they are and what to send. */
import type { InputFile } from '../model/types';
import type { LocalizedText } from './localize';

export type Level = 'beginner' | 'intermediate' | 'advanced';

export interface ScenarioPacket {
  /** A short name, e.g. "request". */
  name: string;
  /** Where it starts: a namespace id ("node-1/client"), a pod name, or an IP. */
  from: string;
  /** A packet spec, e.g. "tcp 10.244.1.2:40000 > 10.96.0.100:80". */
  packet: string;
  /** Branch choices to follow by default (see `Trace.branches`). */
  choices?: Record<string, string>;
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
}
