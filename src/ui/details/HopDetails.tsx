/** The right-hand panel: everything known about the current hop. */
import { useTranslation } from 'react-i18next';
import type { AssumptionNode, BranchNode, ErrorNode, ModifyNode, RouteNode, RuleNode } from '../../engine';
import { localize, renderMessage } from '../../engine';
import { narrationAt } from '../guided/score';
import { HOP_KINDS } from '../hopKinds';
import { HopIcon } from '../icons/HopIcon';
import { selectCurrentHop } from '../store/selectors';
import { useHopscope } from '../store/StoreProvider';
import { BranchChoices } from './BranchChoices';
import { DecidingRule } from './DecidingRule';
import { HopNotes } from './HopNotes';
import { PacketInspector } from './PacketInspector';
import { PlaceBreadcrumb } from './PlaceBreadcrumb';
import { RouteLookup } from './RouteLookup';
import { ScenarioGoals } from './ScenarioGoals';
import { Section } from './Section';
import { BUTTON } from '../shell/classes';

export function HopDetails() {
  const { t } = useTranslation(['details', 'common']);
  const hop = useHopscope(selectCurrentHop);
  const step = useHopscope((s) => s.step);
  const total = useHopscope((s) => s.hops.length);
  const leg = useHopscope((s) => s.hopLegs[s.step]);
  const topology = useHopscope((s) => s.topology);
  const lang = useHopscope((s) => s.lang);
  const scenario = useHopscope((s) => s.scenario);
  const setCentre = useHopscope((s) => s.setCentre);
  // In the guided mode its panel, just above, already tells the author's narration.
  const narration = useHopscope((s) => (s.guided ? null : narrationAt(s.guide.narration, s.step)));
  if (!hop) return null;

  const kind = HOP_KINDS[hop.hop];
  const rules = hop.children.filter((c): c is RuleNode => c.kind === 'rule');
  const routes = hop.children.filter((c): c is RouteNode => c.kind === 'route');
  const branches = hop.children.filter((c): c is BranchNode => c.kind === 'branch');
  const message = renderMessage(hop.message, lang);
  // A rewrite whose cause is the hop's own sentence would only repeat it; the table shows the change.
  const modifies = hop.children.filter((c): c is ModifyNode => c.kind === 'modify' && renderMessage(c.by, lang) !== message);
  const assumptions = hop.children.filter((c): c is AssumptionNode => c.kind === 'assumption');
  const errors = hop.children.filter((c): c is ErrorNode => c.kind === 'error');

  return (
    <article aria-labelledby="hop-title" data-testid="hop-details" data-hop-id={hop.id} data-hop-kind={hop.hop}>
      <header className="space-y-2 px-4 pt-3 pb-3">
        <div className="flex items-center justify-between">
          <span className={`inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-[12px] font-semibold ring-1 ${kind.badge}`}>
            <HopIcon kind={hop.hop} className="h-3.5 w-3.5" />
            {t(`common:hopKind.${hop.hop}`)}
          </span>
          <span className="text-[12px] text-slate-500 tabular-nums">
            <span className="capitalize">{leg && t(`common:leg.${leg}`)}</span> · {t('hop.position', { n: step + 1, total })}
          </span>
        </div>
        <PlaceBreadcrumb place={hop.place} topology={topology} />
        {narration && (
          <p className="border-l-4 border-sky-400 pl-3 text-[15px] leading-relaxed font-medium text-slate-900" data-testid="hop-narration">
            {localize(narration.text, lang)}
          </p>
        )}
        {/* The scenario's narration leads; the engine's sentence stays, smaller, as what the dumps say. */}
        <p id="hop-title" aria-live="polite" className={narration ? 'text-[13px] leading-snug text-slate-600' : 'text-[15px] leading-snug font-medium text-slate-900'} data-testid="hop-message">
          {message}
        </p>
      </header>
      {hop.decidedBy && <DecidingRule rule={hop.decidedBy} />}
      <PacketInspector hop={hop} />
      <HopNotes modifies={modifies} assumptions={assumptions} errors={errors} lang={lang} />
      {branches.length > 0 && <BranchChoices branches={branches} />}
      {routes.map((r, i) => (
        <RouteLookup key={i} route={r} />
      ))}
      {rules.length > 0 && (
        <Section title={t('rules.title')} aside={t('rules.summary', { checked: rules.length, matched: rules.filter((r) => r.matched).length })}>
          <button type="button" className={BUTTON} onClick={() => setCentre('chain')} data-testid="open-chain-view">
            {t('rules.openChain')}
          </button>
        </Section>
      )}
      {step === 0 && scenario && <ScenarioGoals scenario={scenario} />}
    </article>
  );
}
