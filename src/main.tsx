import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/App';
import { loadScenarioFiles } from './ui/scenarios/scenarioFiles';
import { createHopscopeStore } from './ui/store/createHopscopeStore';
import { StoreProvider } from './ui/store/StoreProvider';
import { readUrl } from './ui/url';

const initial = readUrl();
const store = createHopscopeStore({ loadFiles: loadScenarioFiles, initialStep: initial.step });

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <StoreProvider store={store}>
      <App scenario={initial.scenario} step={initial.step} />
    </StoreProvider>
  </StrictMode>,
);
