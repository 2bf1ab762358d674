/**
 * In a workspace made from a scenario: says plainly that these are the user's own copies of its
 * dumps, that the scenario itself is unchanged, and offers the way back to it.
 */
import { useTranslation } from 'react-i18next';
import { localize } from '../../engine';
import { useHopscope } from '../store/StoreProvider';

export function OwnCopyBadge() {
  const { t } = useTranslation('dumps');
  const show = useHopscope((s) => s.mode === 'workspace' && s.scenarioId !== null);
  const scenarioId = useHopscope((s) => s.scenarioId);
  const title = useHopscope((s) => (s.scenario ? localize(s.scenario.title, s.lang) : s.scenarioId));
  const openScenario = useHopscope((s) => s.openScenario);
  if (!show || !scenarioId) return null;
  return (
    <span className="inline-flex items-center gap-1.5 rounded-full bg-amber-50 px-2 py-px text-[11.5px] font-medium text-amber-900 ring-1 ring-amber-300" data-testid="own-copy" title={t('own.hint', { title })}>
      {t('own.label')}
      <button type="button" onClick={() => void openScenario(scenarioId)} className="rounded px-1 text-[11.5px] font-semibold text-sky-700 underline hover:text-sky-900" data-testid="open-original">
        {t('own.original')}
      </button>
    </span>
  );
}
