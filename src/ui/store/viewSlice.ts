import type { Lang, SliceCreator, ViewSlice } from './types';

export const createViewSlice =
  (lang: Lang = 'en'): SliceCreator<ViewSlice> =>
  (set) => ({
    transform: { x: 0, y: 0, k: 1 },
    lang,
    setTransform: (transform) => set({ transform }),
    setLang: (next) => set({ lang: next }),
  });
