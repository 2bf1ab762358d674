import { describe, expect, it } from 'vitest';
import type { Guide } from '../guided/guideAdapter';
import { scenarioFilesAsync } from '../../engine/testing/scenario-files';
import { createHopscopeStore } from './createHopscopeStore';

const question = (id: string, step: number, correct: number) => ({ id, kind: 'next-hop' as const, step, prompt: id, choices: ['a', 'b'], correct, answerStep: step + 1, changes: [], explanation: '' });

/** A store on a real trace, in guided mode with a guide of two questions at hops 4 and 9. */
async function guidedStore() {
  const store = createHopscopeStore({ loadFiles: scenarioFilesAsync });
  await store.getState().openScenario('pod-to-clusterip');
  store.getState().startGuided();
  const guide: Guide = { narration: [], questions: [question('q1', 4, 0), question('q2', 9, 1)] };
  store.setState({ guide });
  return store;
}

describe('guided slice', () => {
  it('starts at the first hop with every hop visited and no answers', async () => {
    const store = await guidedStore();
    const s = store.getState();
    expect(s).toMatchObject({ guided: true, step: 0, detail: 'detailed', answers: {} });
    expect(s.shown).toHaveLength(s.hops.length);
  });

  it('stops the player at a question until it is answered, then lets it go on to the next one', async () => {
    const store = await guidedStore();
    store.getState().goTo(20);
    expect(store.getState().step).toBe(4);
    store.getState().last();
    expect(store.getState().step).toBe(4);
    store.getState().answer('q1', 1);
    store.getState().last();
    expect(store.getState().step).toBe(9);
    store.getState().answer('q2', 1);
    store.getState().last();
    expect(store.getState().step).toBe(store.getState().hops.length - 1);
    expect(store.getState().answers).toEqual({ q1: 1, q2: 1 });
  });

  it('keeps the first answer to a question', async () => {
    const store = await guidedStore();
    store.getState().goTo(4);
    store.getState().answer('q1', 1);
    store.getState().answer('q1', 0);
    expect(store.getState().answers.q1).toBe(1);
  });

  it('pauses auto-play on a question', async () => {
    const store = await guidedStore();
    store.getState().goTo(3);
    store.getState().togglePlay();
    store.getState().next();
    expect(store.getState()).toMatchObject({ step: 4, playing: false });
  });

  it('ends with the scenario: answers go when another one opens, and in a workspace there is no guided mode', async () => {
    const store = await guidedStore();
    store.getState().goTo(4);
    store.getState().answer('q1', 0);
    store.getState().editScenarioDumps();
    expect(store.getState()).toMatchObject({ guided: false, answers: {} });
  });
});
