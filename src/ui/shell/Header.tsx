import { useHopscope } from '../store/StoreProvider';
import { Logo } from './Logo';
import { ScenarioPicker } from './ScenarioPicker';

/** The app bar: name, the open scenario's title and summary, and the scenario and packet pickers. */
export function Header() {
  const scenario = useHopscope((s) => s.scenario);
  const packetIndex = useHopscope((s) => s.packetIndex);
  const selectPacket = useHopscope((s) => s.selectPacket);
  const failed = useHopscope((s) => s.loadStatus === 'error' || s.analysisError !== null);
  const scenarioId = useHopscope((s) => s.scenarioId);
  return (
    <header className="hs-wall flex min-w-0 items-center gap-4 border-b border-slate-200 bg-white px-4 py-2">
      <Logo />
      <div className="h-7 w-px bg-slate-200" aria-hidden="true" />
      <div className="min-w-0 flex-1" data-testid="scenario-heading">
        <h1 className="flex items-center gap-2 truncate text-[15px] leading-tight font-semibold text-slate-900">
          {scenario?.title ?? (failed ? <span className="font-mono text-slate-500">{scenarioId}</span> : 'Loading…')}
          {scenario && (
            <span className="rounded-full bg-slate-100 px-2 py-px text-[11px] font-medium text-slate-600 ring-1 ring-slate-200">
              {scenario.level} · {scenario.datapath}
            </span>
          )}
        </h1>
        {scenario && (
          <p className="truncate text-[12.5px] text-slate-500" title={scenario.summary}>
            {scenario.summary}
          </p>
        )}
      </div>
      {scenario && scenario.packets.length > 1 && (
        <select
          aria-label="Packet to send"
          value={packetIndex}
          onChange={(e) => selectPacket(Number(e.target.value))}
          className="rounded-md border border-slate-200 bg-white px-2 py-1 text-[12.5px] text-slate-700 focus-visible:outline-2 focus-visible:outline-sky-500"
        >
          {scenario.packets.map((p, i) => (
            <option key={i} value={i}>
              {p.name}: {p.packet}
            </option>
          ))}
        </select>
      )}
      <ScenarioPicker />
    </header>
  );
}
