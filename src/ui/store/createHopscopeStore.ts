/**
 * One vanilla store per view, combined from slices (zustand's slices pattern). A factory, so
 * tests and a future side-by-side view each get their own instance, initialised from props.
 */
import { createStore } from 'zustand/vanilla';
import { createAnalysisSlice } from './analysisSlice';
import { createInputsSlice } from './inputsSlice';
import { createPlaybackSlice } from './playbackSlice';
import type { HopscopeState, HopscopeStore, Lang, ScenarioFilesLoader } from './types';
import { createViewSlice } from './viewSlice';

export interface HopscopeStoreOptions {
  loadFiles: ScenarioFilesLoader;
  /** The hop to show once the first scenario is analysed (0-based). */
  initialStep?: number;
  lang?: Lang;
}

export function createHopscopeStore(options: HopscopeStoreOptions): HopscopeStore {
  return createStore<HopscopeState>()((...a) => ({
    ...createInputsSlice(options.loadFiles)(...a),
    ...createAnalysisSlice(...a),
    ...createPlaybackSlice(options.initialStep)(...a),
    ...createViewSlice(options.lang)(...a),
  }));
}
