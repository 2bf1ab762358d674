import { useTranslation } from 'react-i18next';
import { scenarioIds } from '../scenarios/scenarioFiles';
import { useHopscope } from '../store/StoreProvider';

const IDS = scenarioIds();

/** Opens a bundled scenario; in a workspace of one's own it offers them all. */
export function ScenarioPicker() {
  const { t } = useTranslation('shell');
  const mode = useHopscope((s) => s.mode);
  const scenarioId = useHopscope((s) => s.scenarioId);
  const openScenario = useHopscope((s) => s.openScenario);
  if (IDS.length < 2 && mode === 'scenario') return null;
  return (
    <select
      aria-label={t('scenarioPicker.label')}
      value={mode === 'scenario' ? (scenarioId ?? '') : ''}
      onChange={(e) => e.target.value && void openScenario(e.target.value)}
      className="rounded-md border border-slate-200 bg-white px-2 py-1 text-[12.5px] text-slate-700"
      data-testid="scenario-picker"
    >
      {mode === 'workspace' && <option value="">{t('scenarioPicker.pick')}</option>}
      {IDS.map((id) => (
        <option key={id} value={id}>
          {id}
        </option>
      ))}
    </select>
  );
}
