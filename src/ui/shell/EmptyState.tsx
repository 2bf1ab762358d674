/** What the centre shows before there is a trace to play: the next step to take, or why there is none. */
import { renderMessage } from '../../engine';
import { ParseProgress } from '../workspace/ParseProgress';
import { useHopscope } from '../store/StoreProvider';
import { BUTTON } from './classes';

const S = {
  noDumps: 'Start with your dumps',
  noDumpsBody:
    'Paste iptables-save, ip addr, ip route or kubectl output, drop files or a whole folder, or pick them in the panel on the left. Each input is recognised by its shape and read on this machine only: nothing leaves the page.',
  openPanel: 'Open the workspace panel',
  noPacket: 'Build a packet',
  noPacketBody: 'Choose where it starts and where it goes in the panel on the left, or use a preset such as “pod → Service”, then press Trace.',
  parsing: 'Reading the dumps',
  failed: 'No trace',
};

export function EmptyState() {
  const inputs = useHopscope((s) => s.workspace.inputs.length);
  const parsing = useHopscope((s) => s.parseStatus === 'parsing');
  const analysisError = useHopscope((s) => s.analysisError);
  const packetError = useHopscope((s) => s.packetError);
  const trace = useHopscope((s) => s.trace);
  const lang = useHopscope((s) => s.lang);
  const panelOpen = useHopscope((s) => s.panelOpen);
  const setPanelOpen = useHopscope((s) => s.setPanelOpen);
  const inWorkspace = useHopscope((s) => s.mode === 'workspace');

  let title = S.noPacket;
  let body: string = S.noPacketBody;
  let alert = false;
  if (inputs === 0) {
    title = S.noDumps;
    body = S.noDumpsBody;
  } else if (parsing) {
    title = S.parsing;
    body = '';
  } else if (analysisError || packetError) {
    title = S.failed;
    body = packetError?.message ?? analysisError ?? '';
    alert = true;
  } else if (trace && trace.legs[0]) {
    title = S.failed;
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
            {S.openPanel}
          </button>
        )}
      </div>
    </div>
  );
}
