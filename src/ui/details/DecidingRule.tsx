import type { RuleRef } from '../../engine';
import { Section } from './Section';
import { SourceRef } from './SourceRef';

/** The rule that decided this hop, quoted from the dump with where it came from. */
export function DecidingRule({ rule }: { rule: RuleRef }) {
  return (
    <Section title="Decided by" aside={<SourceRef span={rule.span} />}>
      <div className="mb-1 text-[12px] text-slate-500">
        <span className="font-mono">
          {rule.table} · {rule.chain} #{rule.position}
        </span>
        {rule.target && (
          <span className="ml-2 rounded bg-slate-800 px-1.5 py-px font-mono text-[11px] text-white">{rule.target}</span>
        )}
      </div>
      <pre
        className="rounded-md bg-slate-900 px-3 py-2 font-mono text-[12px] leading-relaxed break-all whitespace-pre-wrap text-slate-100"
        data-testid="deciding-rule"
      >
        {rule.text}
      </pre>
    </Section>
  );
}
