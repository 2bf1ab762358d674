import { scenarioIds } from '../scenarios/scenarioFiles';
import { useHopscope } from '../store/StoreProvider';

const IDS = scenarioIds();

/** Switches scenario; hidden while only one is bundled. */
export function ScenarioPicker() {
  const scenarioId = useHopscope((s) => s.scenarioId);
  const openScenario = useHopscope((s) => s.openScenario);
  if (IDS.length < 2) return null;
  return (
    <select
      aria-label="Scenario"
      value={scenarioId ?? ''}
      onChange={(e) => void openScenario(e.target.value)}
      className="rounded-md border border-slate-200 bg-white px-2 py-1 text-[12.5px] text-slate-700 focus-visible:outline-2 focus-visible:outline-sky-500"
    >
      {IDS.map((id) => (
        <option key={id} value={id}>
          {id}
        </option>
      ))}
    </select>
  );
}
