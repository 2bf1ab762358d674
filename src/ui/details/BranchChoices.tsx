import { useTranslation } from 'react-i18next';
import type { BranchNode } from '../../engine';
import { useHopscope } from '../store/StoreProvider';
import { Section } from './Section';

/**
 * A fork the simulation met (kube-proxy picking an endpoint at random): every option with its
 * probability; picking another one re-runs the simulation down that path.
 */
export function BranchChoices({ branches }: { branches: BranchNode[] }) {
  const { t } = useTranslation('details');
  const choose = useHopscope((s) => s.choose);
  return (
    <Section title={t('branch.title')}>
      <div className="space-y-3">
        {branches.map((b) => (
          <fieldset key={b.key} data-testid="branch" data-branch-key={b.key}>
            <legend className="mb-1 text-[12px] text-slate-500">
              {b.defaulted ? t('branch.defaulted') : t('branch.followed')}
            </legend>
            <ul className="space-y-1">
              {b.options.map((o) => {
                const chosen = o.value === b.chosen;
                return (
                  <li key={o.value}>
                    <button
                      type="button"
                      data-testid="branch-option"
                      data-value={o.value}
                      aria-pressed={chosen}
                      onClick={() => void choose(b.key, o.value)}
                      className={`relative flex w-full items-center justify-between overflow-hidden rounded-md px-2 py-1 text-left text-[12.5px] ring-1 focus-visible:outline-2 focus-visible:outline-sky-500 ${
                        chosen ? 'bg-sky-50 text-sky-900 ring-sky-300' : 'text-slate-600 ring-slate-200 hover:bg-slate-50'
                      }`}
                    >
                      <span
                        className={`absolute inset-y-0 left-0 ${chosen ? 'bg-sky-200/50' : 'bg-slate-200/50'}`}
                        style={{ width: `${Math.round(o.probability * 100)}%` }}
                        aria-hidden="true"
                      />
                      <span className="relative font-mono">
                        {chosen ? '● ' : '○ '}
                        {o.label}
                      </span>
                      <span className="relative font-semibold tabular-nums">{Math.round(o.probability * 1000) / 10}%</span>
                    </button>
                  </li>
                );
              })}
            </ul>
          </fieldset>
        ))}
      </div>
    </Section>
  );
}
