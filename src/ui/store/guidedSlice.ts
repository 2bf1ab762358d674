/**
 * The guided mode: narration per hop and questions the learner answers before the player goes
 * on. The guide is derived from the open scenario and its current trace (through the adapter,
 * which asks the engine); the answers are the learner's.
 */
import { EMPTY_GUIDE, hasGuide, resolveScenarioGuide, type Guide } from '../guided/guideAdapter';
import { blockingQuestion, type Answers } from '../guided/score';
import type { HopscopeState, SliceCreator } from './types';

export interface GuidedSlice {
  guided: boolean;
  guide: Guide;
  answers: Answers;
  /** Starts (or restarts) the guided run from the first hop. */
  startGuided: () => void;
  stopGuided: () => void;
  answer: (questionId: string, choice: number) => void;
}

/** Resolved whenever a scenario is open, guided or not: the hop details show its narration too. */
function derive(s: HopscopeState): Guide {
  if (s.mode !== 'scenario' || !s.scenario || !s.trace) return EMPTY_GUIDE;
  return resolveScenarioGuide(s.scenario, s.packetIndex, s.trace);
}

/** True when the open scenario offers a guided run. */
export function canGuide(s: HopscopeState): boolean {
  return s.mode === 'scenario' && s.scenario !== null && hasGuide(s.scenario);
}

export const createGuidedSlice: SliceCreator<GuidedSlice> = (set, get, api) => {
  // The player may not pass a question before it is answered: it stops on the question's hop.
  api.subscribe((s) => {
    if (!s.guided) return;
    const pending = blockingQuestion(s.guide.questions, s.answers, s.step);
    if (pending && (s.step > pending.step || s.playing)) set({ step: pending.step, playing: false });
  });
  api.subscribe((s, prev) => {
    if (s.trace === prev.trace && s.guided === prev.guided && s.scenario === prev.scenario && s.mode === prev.mode && s.packetIndex === prev.packetIndex) return;
    // Another scenario, packet or edited dumps: the old answers no longer belong to this trace.
    const fresh = s.scenario !== prev.scenario || s.packetIndex !== prev.packetIndex || s.mode !== prev.mode;
    set({ guide: derive(s), ...(fresh ? { answers: {} } : {}), ...(s.mode !== 'scenario' ? { guided: false } : {}) });
  });
  return {
    guided: false,
    guide: EMPTY_GUIDE,
    answers: {},
    startGuided: () => {
      // Every hop is visited, so no question's hop is stepped over.
      get().setDetail('detailed');
      set({ guided: true, answers: {}, playing: false, step: 0 });
    },
    stopGuided: () => set({ guided: false, answers: {} }),
    answer: (questionId, choice) => {
      if (get().answers[questionId] !== undefined) return;
      set({ answers: { ...get().answers, [questionId]: choice } });
    },
  };
};
