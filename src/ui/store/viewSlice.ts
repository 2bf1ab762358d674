import { shownHops, snapToShown } from './detailLevels';
import type { Lang, SliceCreator, Theme, ViewSlice } from './types';

export const createViewSlice =
  (lang: Lang = 'en', theme: Theme = 'light', presenting = false): SliceCreator<ViewSlice> =>
  (set, get) => ({
    transform: { x: 0, y: 0, k: 1 },
    lang,
    theme,
    detail: 'detailed',
    centre: 'topology',
    fileView: null,
    helpOpen: false,
    panelOpen: false,
    presenting,
    setTransform: (transform) => set({ transform }),
    setLang: (next) => set({ lang: next }),
    setTheme: (next) => set({ theme: next }),
    setDetail: (detail) => {
      const { hops, hopLegs, step } = get();
      const shown = shownHops(hops, hopLegs, detail);
      set({ detail, shown, step: hops.length ? snapToShown(shown, step) : step });
    },
    setCentre: (centre) => set({ centre }),
    openFile: (fileView) => set({ fileView }),
    setHelpOpen: (helpOpen) => set({ helpOpen }),
    setPanelOpen: (panelOpen) => set({ panelOpen }),
    setPresenting: (presenting) => set({ presenting }),
  });
