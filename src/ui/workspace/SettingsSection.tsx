/** Kernel settings no dump shows: what the simulator would otherwise assume, made visible and switchable. */
import { useTranslation } from 'react-i18next';
import { AssumptionIcon } from '../icons/NoteIcons';
import { useHopscope } from '../store/StoreProvider';

export function SettingsSection() {
  const { t } = useTranslation('workspace');
  const settings = useHopscope((s) => s.workspace.settings);
  const setSetting = useHopscope((s) => s.setSetting);
  return (
    <section aria-labelledby="ws-settings" className="space-y-2 border-t border-slate-200 px-3 py-3" data-testid="settings-section">
      <h2 id="ws-settings" className="text-[13px] font-semibold text-slate-800">
        {t('settings.title')}
      </h2>
      <label className="flex items-start gap-2 text-[12.5px] text-slate-700">
        <input
          type="checkbox"
          className="mt-0.5 accent-sky-600"
          checked={settings.bridgeNfCallIptables}
          onChange={(e) => void setSetting('bridgeNfCallIptables', e.target.checked)}
          data-testid="setting-brnf"
        />
        <span>
          <span className="flex items-center gap-1">
            {t('settings.brnf')}
            <AssumptionIcon className="h-3.5 w-3.5 text-amber-600" />
          </span>
          <span className="block text-[11.5px] text-slate-500">{t('settings.brnfHint')}</span>
        </span>
      </label>
      <label className="flex items-start gap-2 text-[12.5px] text-slate-700">
        <input type="checkbox" className="mt-0.5 accent-sky-600" checked={settings.later} onChange={(e) => void setSetting('later', e.target.checked)} data-testid="setting-later" />
        <span>
          {t('settings.later')}
          <span className="block text-[11.5px] text-slate-500">{t('settings.laterHint')}</span>
        </span>
      </label>
    </section>
  );
}
