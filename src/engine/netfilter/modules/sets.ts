/** set (ipset membership) and recent (address lists that only a live node knows). */
import { msg } from '../../explain/message';
import type { ModuleMatch } from '../../formats/iptables/types';
import type { MatchContext, MatchResult } from '../context';
import { PASS } from '../context';

export function matchSet(m: ModuleMatch, ctx: MatchContext): MatchResult {
  for (const opt of m.options) {
    if (opt.name !== 'match-set') continue;
    const [name = '', flags = 'src'] = opt.args;
    const member = ctx.inSet(name, flags.split(','));
    if (member === null) {
      // Without the set's contents the simulator assumes the rule's author intended it to apply.
      return { ok: !opt.negate, assumed: msg('assume.ipsetUnknown', { set: name, result: opt.negate ? 'no' : 'yes' }) };
    }
    const ok = opt.negate ? !member : member;
    if (!ok) return { ok: false, reason: msg('why.set', { set: name, member: member ? 'yes' : 'no' }) };
  }
  return PASS;
}

/**
 * recent: kube-proxy's session affinity. A dump holds no recent lists, so a check or update is
 * assumed not to find this client (a first connection); `--set` records it and matches.
 */
export function matchRecent(m: ModuleMatch): MatchResult {
  const name = m.options.find((o) => o.name === 'name')?.args[0] ?? 'DEFAULT';
  const isSet = m.options.some((o) => o.name === 'set');
  if (isSet) return PASS;
  const check = m.options.find((o) => o.name === 'rcheck' || o.name === 'update' || o.name === 'remove');
  const negate = check?.negate ?? false;
  return { ok: negate, assumed: msg('assume.recentEmpty', { list: name }) };
}
