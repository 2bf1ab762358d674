/**
 * The one place the guided mode meets the engine's scenario guide (narration and questions
 * placed on a trace, with the right answer read from that trace). Everything else in the
 * guided mode uses only the shapes below, so a change in the engine's contract is a fix here.
 */
import { resolveGuide } from '../../engine';
import type { LocalizedText, Scenario, Trace } from '../../engine';

export interface GuideNarration {
  /** Index among all hops of the trace (the store's `step`). */
  step: number;
  text: LocalizedText;
}

export interface GuideQuestion {
  id: string;
  kind: 'next-hop' | 'field';
  /** The hop it is asked at: the player stops here until it is answered. */
  step: number;
  prompt: LocalizedText;
  choices: LocalizedText[];
  /** Index of the right choice, from the trace. */
  correct: number;
  /** The hop that shows the answer. */
  answerStep: number;
  /** For `field`: what the trace changes there. */
  changes: { field: string; before: string; after: string }[];
  explanation: LocalizedText;
}

export interface Guide {
  narration: GuideNarration[];
  questions: GuideQuestion[];
}

export const EMPTY_GUIDE: Guide = { narration: [], questions: [] };

/** True when the scenario has anything for the guided mode. */
export function hasGuide(scenario: Scenario): boolean {
  return scenario.narration.length + scenario.questions.length > 0;
}

/** How many questions a scenario asks (all packets). */
export function questionCount(scenario: Scenario): number {
  return scenario.questions.length;
}

/** The narration and questions of the scenario's packet `packetIndex`, on the hops of `trace`. */
export function resolveScenarioGuide(scenario: Scenario, packetIndex: number, trace: Trace): Guide {
  const packet = scenario.packets[packetIndex];
  if (!packet) return EMPTY_GUIDE;
  const g = resolveGuide(scenario, packet.name, trace);
  return {
    narration: g.narration.map((n) => ({ step: n.step, text: n.text })),
    questions: g.questions.map((q) => ({
      id: q.id,
      kind: q.kind,
      step: q.step,
      prompt: q.prompt,
      choices: q.choices.map((c) => c.text),
      correct: q.correct,
      answerStep: q.answerStep,
      changes: q.changes,
      explanation: q.explanation,
    })),
  };
}
