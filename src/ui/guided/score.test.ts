import { describe, expect, it } from 'vitest';
import type { GuideQuestion } from './guideAdapter';
import { blockingQuestion, isFinished, narrationAt, questionAt, score } from './score';

function q(id: string, step: number, correct: number): GuideQuestion {
  return { id, kind: 'next-hop', step, prompt: id, choices: ['a', 'b', 'c'], correct, answerStep: step + 1, changes: [], explanation: '' };
}

const QUESTIONS = [q('first', 3, 1), q('second', 8, 0)];

describe('score', () => {
  it('counts right answers among the answered ones', () => {
    expect(score(QUESTIONS, {})).toEqual({ right: 0, answered: 0, total: 2 });
    expect(score(QUESTIONS, { first: 1 })).toEqual({ right: 1, answered: 1, total: 2 });
    expect(score(QUESTIONS, { first: 1, second: 2 })).toEqual({ right: 1, answered: 2, total: 2 });
    expect(score(QUESTIONS, { first: 0, second: 0 })).toEqual({ right: 1, answered: 2, total: 2 });
  });
});

describe('blockingQuestion', () => {
  it('stops the player at the first unanswered question it reached', () => {
    expect(blockingQuestion(QUESTIONS, {}, 2)).toBeNull();
    expect(blockingQuestion(QUESTIONS, {}, 3)?.id).toBe('first');
    expect(blockingQuestion(QUESTIONS, {}, 10)?.id).toBe('first');
    expect(blockingQuestion(QUESTIONS, { first: 2 }, 5)).toBeNull();
    expect(blockingQuestion(QUESTIONS, { first: 2 }, 9)?.id).toBe('second');
  });
});

describe('questionAt / narrationAt / isFinished', () => {
  it('finds what belongs to a hop', () => {
    expect(questionAt(QUESTIONS, {}, 8)?.id).toBe('second');
    expect(questionAt(QUESTIONS, {}, 7)).toBeNull();
    // On the hop that shows its answer, an answered question stays shown.
    expect(questionAt(QUESTIONS, {}, 4)).toBeNull();
    expect(questionAt(QUESTIONS, { first: 0 }, 4)?.id).toBe('first');
    expect(questionAt(QUESTIONS, { first: 0 }, 5)).toBeNull();
    expect(narrationAt([{ step: 4, text: 'x' }], 4)?.text).toBe('x');
    expect(narrationAt([{ step: 4, text: 'x' }], 5)).toBeNull();
  });

  it('is finished at the last hop with every question answered', () => {
    const guide = { narration: [], questions: QUESTIONS };
    expect(isFinished(guide, { first: 1 }, 12, 12)).toBe(false);
    expect(isFinished(guide, { first: 1, second: 0 }, 11, 12)).toBe(false);
    expect(isFinished(guide, { first: 1, second: 0 }, 12, 12)).toBe(true);
  });
});
