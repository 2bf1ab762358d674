import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { applyLang, detectedLang, warmNumberFormatWhenIdle } from './ui/i18n';
import { createBrowserClient } from './ui/analysis/client';
import { App } from './ui/App';
import { loadScenarioFiles, loadScenarioYamls } from './ui/scenarios/scenarioFiles';
import { applyTheme, initialTheme } from './ui/shell/theme';
import { createHopscopeStore } from './ui/store/createHopscopeStore';
import { StoreProvider } from './ui/store/StoreProvider';
import { readStartup } from './ui/share/startup';

const { url: initial, flags, shared } = await readStartup();
// The compact player is its own chunk: a full page never loads it.
const EmbedApp = flags.embed ? (await import('./ui/share/EmbedApp')).EmbedApp : null;
const theme = initialTheme();
// Before the first paint, so a dark screen never flashes white.
applyTheme(theme);
const lang = detectedLang();
applyLang(lang);
const store = createHopscopeStore({ loadFiles: loadScenarioFiles, loadScenarioYamls, engine: createBrowserClient(), initialStep: initial.step, theme, lang, presenting: flags.present && !flags.embed });

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <StoreProvider store={store}>
      {EmbedApp ? <EmbedApp initial={initial} shared={shared} /> : <App initial={initial} shared={shared} />}
    </StoreProvider>
  </StrictMode>,
);
warmNumberFormatWhenIdle();
