import { useTranslation } from 'react-i18next';
import type { RuleRef } from '../../engine';
import { Section } from './Section';
import { SourceRef } from './SourceRef';

/** The rule that decided this hop, quoted from the dump with where it came from. */
export function DecidingRule({ rule }: { rule: RuleRef }) {
  const { t } = useTranslation('details');
  return (
    <Section title={t('decided.title')}>
      <div data-testid="decided-by" data-table={rule.table} data-chain={rule.chain} data-position={rule.position}>
        <div className="mb-1.5 flex flex-wrap items-center gap-x-2 gap-y-0.5 text-[12px] text-slate-600">
          <span className="font-mono">
            {rule.table} · {rule.chain} · {t('decided.rule', { n: rule.position })}
          </span>
          {rule.target && <span className="rounded bg-slate-800 px-1.5 py-px font-mono text-[11px] text-white">{rule.target}</span>}
        </div>
        <pre
          className="hs-code rounded-t-md px-3 py-2 font-mono text-[12px] leading-relaxed break-all whitespace-pre-wrap"
          data-testid="deciding-rule"
        >
          {rule.text}
        </pre>
        <div className="hs-code-foot rounded-b-md px-3 py-1 text-[11px]">
          <SourceRef span={rule.span} />
        </div>
      </div>
    </Section>
  );
}
