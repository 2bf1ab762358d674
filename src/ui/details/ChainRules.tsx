import type { Lang, RuleNode } from '../../engine';
import { renderMessage } from '../../engine';
import { Section } from './Section';

/**
 * The rules a chain evaluated, in order: the one that matched stands out, the skipped ones are
 * dimmed with the match that failed as a short "why not". Each names its line in the dump
 * (all of a chain's rules come from one file, which the "Decided by" block names in full).
 */
export function ChainRules({ rules, lang }: { rules: RuleNode[]; lang: Lang }) {
  const matched = rules.filter((r) => r.matched).length;
  return (
    <Section title="Rules evaluated" aside={`${rules.length} checked · ${matched} matched`}>
      <ol className="space-y-1.5" data-testid="chain-rules">
        {rules.map((r) => (
          <li
            key={r.rule.id}
            data-testid="rule-eval"
            data-matched={r.matched}
            className={
              r.matched
                ? 'rounded-md bg-sky-50 px-2 py-1.5 ring-1 ring-sky-300'
                : 'rounded-md px-2 py-1 text-slate-400'
            }
          >
            <div className="flex items-baseline justify-between gap-2">
              <span className={`text-[11px] font-semibold ${r.matched ? 'text-sky-700' : 'text-slate-400'}`}>
                #{r.rule.position} {r.matched ? '✓ matched' : 'skipped'}
                {r.matched && r.rule.target && <span className="ml-1 font-mono">→ {r.rule.target}</span>}
              </span>
              <span
                className="shrink-0 font-mono text-[10.5px] text-slate-400"
                title={`${r.rule.span.file}:${r.rule.span.line}`}
                data-testid="rule-line"
              >
                line {r.rule.span.line}
              </span>
            </div>
            <code className={`block font-mono text-[11.5px] leading-snug break-all ${r.matched ? 'text-slate-800' : ''}`}>
              {r.rule.text}
            </code>
            {r.failed && (
              <p className="mt-0.5 text-[11.5px] text-slate-500">
                <span className="font-semibold">why not:</span> <code className="font-mono">{r.failed.text}</code> —{' '}
                {renderMessage(r.failed.reason, lang)}
              </p>
            )}
            {r.notSimulated && r.notSimulated.length > 0 && (
              <p className="mt-0.5 text-[11.5px] text-amber-700">
                assumed to match (not simulated): <code className="font-mono">{r.notSimulated.join(' ')}</code>
              </p>
            )}
          </li>
        ))}
      </ol>
    </Section>
  );
}
