/** The guided mode's bookkeeping, as pure functions: which question is pending, and the score. */
import type { Guide, GuideNarration, GuideQuestion } from './guideAdapter';

/** The learner's choice per question id. */
export type Answers = Record<string, number>;

export interface Score {
  right: number;
  answered: number;
  total: number;
}

export function score(questions: readonly GuideQuestion[], answers: Answers): Score {
  let right = 0;
  let answered = 0;
  for (const q of questions) {
    const a = answers[q.id];
    if (a === undefined) continue;
    answered++;
    if (a === q.correct) right++;
  }
  return { right, answered, total: questions.length };
}

/** The first unanswered question at or before `step`: the player may not go past it. */
export function blockingQuestion(questions: readonly GuideQuestion[], answers: Answers, step: number): GuideQuestion | null {
  return questions.find((q) => q.step <= step && answers[q.id] === undefined) ?? null;
}

/**
 * The question to show at this hop: the one asked here, else an answered one whose answer this
 * hop shows ("show it in the trace"), so its explanation stays in view there.
 */
export function questionAt(questions: readonly GuideQuestion[], answers: Answers, step: number): GuideQuestion | null {
  return questions.find((q) => q.step === step) ?? questions.find((q) => answers[q.id] !== undefined && step === q.answerStep) ?? null;
}

/** The author's narration for this hop, if any. */
export function narrationAt(narration: readonly GuideNarration[], step: number): GuideNarration | null {
  return narration.find((n) => n.step === step) ?? null;
}

/** The guided run is over: every question answered and the last hop reached. */
export function isFinished(guide: Guide, answers: Answers, step: number, lastStep: number): boolean {
  return step >= lastStep && guide.questions.every((q) => answers[q.id] !== undefined);
}
