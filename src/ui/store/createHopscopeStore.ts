/**
 * One vanilla store per view, combined from slices (zustand's slices pattern). A factory, so
 * tests and a future side-by-side view each get their own instance, initialised from props.
 */
import { createStore } from 'zustand/vanilla';
import { createLocalClient } from '../analysis/client';
import type { EngineClient } from '../analysis/client';
import { createAnalysisSlice } from './analysisSlice';
import { createGallerySlice, type ScenarioYamlsLoader } from './gallerySlice';
import { createGuidedSlice } from './guidedSlice';
import { createPlaybackSlice } from './playbackSlice';
import type { HopscopeState, HopscopeStore, Lang, ScenarioFilesLoader, Theme } from './types';
import { createViewSlice } from './viewSlice';
import { createWorkspaceSlice } from './workspaceSlice';

export interface HopscopeStoreOptions {
  loadFiles: ScenarioFilesLoader;
  /** Every scenario.yaml, for the gallery; none by default (tests). */
  loadScenarioYamls?: ScenarioYamlsLoader;
  /** The engine: a worker client in the browser; in-process by default (tests). */
  engine?: EngineClient;
  /** The hop to show once the first trace is ready (0-based). */
  initialStep?: number;
  lang?: Lang;
  theme?: Theme;
  /** Start in presenter mode (`?present=1`). */
  presenting?: boolean;
}

export function createHopscopeStore(options: HopscopeStoreOptions): HopscopeStore {
  const engine = options.engine ?? createLocalClient();
  return createStore<HopscopeState>()((...a) => ({
    ...createWorkspaceSlice(options.loadFiles, engine)(...a),
    ...createAnalysisSlice(engine)(...a),
    ...createPlaybackSlice(options.initialStep)(...a),
    ...createViewSlice(options.lang, options.theme, options.presenting)(...a),
    ...createGallerySlice(options.loadScenarioYamls ?? (async () => ({})), engine)(...a),
    ...createGuidedSlice(...a),
  }));
}
