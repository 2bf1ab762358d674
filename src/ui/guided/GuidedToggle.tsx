import { useTranslation } from 'react-i18next';
import { BUTTON } from '../shell/classes';
import { canGuide } from '../store/guidedSlice';
import { useHopscope } from '../store/StoreProvider';

/** Starts or leaves the guided mode of the open scenario (only when it has narration or questions). */
export function GuidedToggle() {
  const { t } = useTranslation('guided');
  const available = useHopscope(canGuide);
  const guided = useHopscope((s) => s.guided);
  const startGuided = useHopscope((s) => s.startGuided);
  const stopGuided = useHopscope((s) => s.stopGuided);
  if (!available) return null;
  return (
    <button type="button" className={BUTTON} aria-pressed={guided} onClick={guided ? stopGuided : startGuided} title={t('toggle.hint')} data-testid="guided-toggle">
      {t('toggle.label')}
    </button>
  );
}
