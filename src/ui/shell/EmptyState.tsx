/** What the centre shows before there is a trace to play: the next step to take, or why there is none. */
import { useTranslation } from 'react-i18next';
import { renderMessage } from '../../engine';
import { ParseProgress } from '../workspace/ParseProgress';
import { useHopscope } from '../store/StoreProvider';
import { BUTTON } from './classes';

export function EmptyState() {
  const { t } = useTranslation('shell');
  const inputs = useHopscope((s) => s.workspace.inputs.length);
  const parsing = useHopscope((s) => s.parseStatus === 'parsing');
  const analysisError = useHopscope((s) => s.analysisError);
  const packetError = useHopscope((s) => s.packetError);
  const trace = useHopscope((s) => s.trace);
  const lang = useHopscope((s) => s.lang);
  const panelOpen = useHopscope((s) => s.panelOpen);
  const setPanelOpen = useHopscope((s) => s.setPanelOpen);
  const inWorkspace = useHopscope((s) => s.mode === 'workspace');

  let title = t('empty.noPacket');
  let body: string = t('empty.noPacketBody');
  let alert = false;
  if (inputs === 0) {
    title = t('empty.noDumps');
    body = t('empty.noDumpsBody');
  } else if (parsing) {
    title = t('empty.parsing');
    body = '';
  } else if (analysisError || packetError) {
    title = t('empty.failed');
    body = packetError ? renderMessage(packetError.text, lang) : analysisError ?? '';
    alert = true;
  } else if (trace && trace.legs[0]) {
    title = t('empty.failed');
    body = renderMessage(trace.legs[0].verdictMessage, lang);
    alert = true;
  }
  return (
    <div className="grid h-full place-items-center p-8" data-testid="empty-state">
      <div className="max-w-lg rounded-xl border border-slate-200 bg-white p-6 shadow-sm" role={alert ? 'alert' : undefined}>
        <h2 className={`text-[16px] font-semibold ${alert ? 'text-red-700' : 'text-slate-900'}`}>{title}</h2>
        {body && <p className="mt-2 text-[13.5px] leading-relaxed text-slate-600">{body}</p>}
        {parsing && <ParseProgress />}
        {inWorkspace && !panelOpen && (
          <button type="button" className={`${BUTTON} mt-4`} onClick={() => setPanelOpen(true)}>
            {t('empty.openPanel')}
          </button>
        )}
      </div>
    </div>
  );
}
