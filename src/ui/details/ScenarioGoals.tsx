import { Trans, useTranslation } from 'react-i18next';
import { localize, type Scenario } from '../../engine';
import { useHopscope } from '../store/StoreProvider';
import { Section } from './Section';

/** What the scenario teaches; shown on the first hop, before the packet moves. */
export function ScenarioGoals({ scenario }: { scenario: Scenario }) {
  const { t } = useTranslation('details');
  const lang = useHopscope((s) => s.lang);
  if (!scenario.goals.length) return null;
  return (
    <Section title={t('goals.title')}>
      <ul className="list-disc space-y-1 pl-4 text-[13px] leading-snug text-slate-700 marker:text-sky-500" data-testid="scenario-goals">
        {scenario.goals.map((g, i) => (
          <li key={i}>{localize(g, lang)}</li>
        ))}
      </ul>
      <p className="mt-2 text-[12px] text-slate-500">
        <Trans t={t} i18nKey="goals.keys" components={{ k: <kbd className="rounded border border-slate-300 bg-slate-50 px-1 font-mono text-[11px]" /> }} />
      </p>
    </Section>
  );
}
