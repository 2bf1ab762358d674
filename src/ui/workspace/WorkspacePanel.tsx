/** The left panel of a workspace: dumps, diagnostics, the packet builder and settings. */
import { useTranslation } from 'react-i18next';
import { useHopscope } from '../store/StoreProvider';
import { DiagnosticsSection } from './DiagnosticsSection';
import { InputsSection } from './InputsSection';
import { PacketBuilder } from './PacketBuilder';
import { RedactSection } from './RedactSection';
import { ParseProgress } from './ParseProgress';
import { SettingsSection } from './SettingsSection';

export function WorkspacePanel() {
  const { t } = useTranslation('workspace');
  const setPanelOpen = useHopscope((s) => s.setPanelOpen);
  return (
    <aside
      className="hs-wall relative min-h-0 w-[min(340px,34vw)] overflow-y-auto border-r border-slate-200 bg-slate-50 max-md:hidden"
      aria-label={t('panel.label')}
      data-testid="workspace-panel"
    >
      <button type="button" onClick={() => setPanelOpen(false)} aria-label={t('panel.close')} title={t('panel.close')} className="absolute top-2 right-2 rounded px-1.5 text-slate-500 hover:bg-slate-200">
        «
      </button>
      <InputsSection />
      <ParseProgress />
      <PacketBuilder />
      <SettingsSection />
      <RedactSection />
      <DiagnosticsSection />
    </aside>
  );
}
