/**
 * kube-proxy picks an endpoint with a cascade of `statistic --mode random --probability p` rules:
 * rule i matches with p_i among the packets that reach it, so its effective share is
 * p_i × Π(1 − p_j) over the rules before it; a last rule without statistic takes the rest.
 * The simulator enumerates that cascade as branches instead of rolling dice.
 */
import type { Chain, ModuleMatch, Rule } from '../formats/iptables/types';
import type { BranchOption } from '../trace/types';
import type { MatchContext } from './context';
import { evaluateMatch } from './evaluate-rule';
import { randomProbability } from './modules/statistic';

function statisticOf(rule: Rule): ModuleMatch | undefined {
  return rule.matches.find((m): m is ModuleMatch => m.kind === 'module' && m.module === 'statistic' && randomProbability(m) !== null);
}

export function hasRandomRules(chain: Chain): boolean {
  return chain.rules.some((r) => statisticOf(r) !== undefined);
}

/** "ns/svc:port -> 10.244.1.5:8080" → "10.244.1.5:8080"; else the target name. */
function labelOf(rule: Rule): string {
  const arrow = rule.text.indexOf('->');
  if (arrow >= 0) {
    const rest = rule.text.slice(arrow + 2).trim();
    // The first word (up to a space or a quote); a regex with `.*$` after it backtracks on long lines.
    return /^[^"\s]*/.exec(rest)![0];
  }
  return rule.target?.name ?? `rule ${rule.position}`;
}

/**
 * The options from rule `from` on: every rule whose other matches accept the packet takes its
 * share of what is left, until a rule without statistic takes all that remains.
 */
export function randomCascade(chain: Chain, from: number, ctx: MatchContext): BranchOption[] {
  const options: BranchOption[] = [];
  let remaining = 1;
  const always = { ...ctx, randomPick: () => true };
  for (let i = from; i < chain.rules.length && remaining > 1e-12; i++) {
    const rule = chain.rules[i]!;
    const stat = statisticOf(rule);
    const othersMatch = rule.matches.every((m) => m === stat || evaluateMatch(m, always, rule.id).ok);
    if (!othersMatch || !rule.target) continue;
    const p = stat ? randomProbability(stat)! : 1;
    const share = remaining * Math.min(1, Math.max(0, p));
    remaining -= share;
    options.push({ value: rule.id, label: labelOf(rule), probability: share });
    if (!stat) break;
  }
  // Packets that no rule of the cascade took fall through the chain: that is a branch too.
  if (remaining > 1e-9) options.push({ value: 'fallthrough', label: 'none (falls through)', probability: remaining });
  return options;
}
