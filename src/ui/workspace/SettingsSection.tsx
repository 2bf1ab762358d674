/** Kernel settings no dump shows: what the simulator would otherwise assume, made visible and switchable. */
import { AssumptionIcon } from '../icons/NoteIcons';
import { useHopscope } from '../store/StoreProvider';

const S = {
  title: 'Settings',
  brnf: 'br_netfilter: bridged traffic passes iptables',
  brnfHint: 'net.bridge.bridge-nf-call-iptables = 1 (Kubernetes requires it; no dump shows it, so this is an assumption).',
  later: 'Trace a later packet of the connection',
  laterHint: 'After the reply, one more packet from the client, which conntrack already knows.',
};

export function SettingsSection() {
  const settings = useHopscope((s) => s.workspace.settings);
  const setSetting = useHopscope((s) => s.setSetting);
  return (
    <section aria-labelledby="ws-settings" className="space-y-2 border-t border-slate-200 px-3 py-3" data-testid="settings-section">
      <h2 id="ws-settings" className="text-[13px] font-semibold text-slate-800">
        {S.title}
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
            {S.brnf}
            <AssumptionIcon className="h-3.5 w-3.5 text-amber-600" />
          </span>
          <span className="block text-[11.5px] text-slate-500">{S.brnfHint}</span>
        </span>
      </label>
      <label className="flex items-start gap-2 text-[12.5px] text-slate-700">
        <input type="checkbox" className="mt-0.5 accent-sky-600" checked={settings.later} onChange={(e) => void setSetting('later', e.target.checked)} data-testid="setting-later" />
        <span>
          {S.later}
          <span className="block text-[11.5px] text-slate-500">{S.laterHint}</span>
        </span>
      </label>
    </section>
  );
}
