/**
 * statistic: kube-proxy's random endpoint pick. The simulator does not roll dice: the evaluator
 * enumerates the cascade as branches (see `branches.ts`) and this match asks which one was chosen.
 */
import { msg } from '../../explain/message';
import type { ModuleMatch, Option } from '../../formats/iptables/types';
import type { MatchContext, MatchResult } from '../context';
import { PASS } from '../context';

function option(m: ModuleMatch, name: string): Option | undefined {
  return m.options.find((o) => o.name === name);
}

/** The probability a `--mode random` rule matches, or null for other modes. */
export function randomProbability(m: ModuleMatch): number | null {
  if (option(m, 'mode')?.args[0] !== 'random') return null;
  const p = option(m, 'probability');
  const value = Number(p?.args[0]);
  if (!p || !Number.isFinite(value)) return null;
  return p.negate ? 1 - value : value;
}

export function matchStatistic(m: ModuleMatch, ctx: MatchContext, ruleId: string): MatchResult {
  const mode = option(m, 'mode')?.args[0];
  if (mode === 'random') {
    if (randomProbability(m) === null) return { ok: true, assumed: msg('assume.unknownOption', { option: '--probability' }) };
    return ctx.randomPick(ruleId) ? PASS : { ok: false, reason: msg('why.randomOther') };
  }
  if (mode === 'nth') {
    // Which packet of the stream this is cannot be known from a dump: take the first one.
    const every = Number(option(m, 'every')?.args[0] ?? '1');
    const packet = Number(option(m, 'packet')?.args[0] ?? '0');
    const negate = option(m, 'every')?.negate ?? false;
    const hit = packet === 0;
    return { ok: negate ? !hit : hit, assumed: msg('assume.nth', { every, packet }) };
  }
  return { ok: true, assumed: msg('assume.unknownOption', { option: `--mode ${mode ?? ''}` }) };
}
