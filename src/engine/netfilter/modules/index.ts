/**
 * The registry of match modules: one evaluator per `-m NAME`. A module missing here is
 * "not simulated": assumed to match, and the trace says so (never silently true or false).
 */
import { msg } from '../../explain/message';
import type { ModuleMatch } from '../../formats/iptables/types';
import type { MatchContext, MatchResult } from '../context';
import { PASS } from '../context';
import { matchAddrtype } from './addrtype';
import { matchConntrackOption } from './conntrack';
import { matchMarkOption } from './marks';
import { assumeMatched, matchIcmp, matchIprange, matchMac, matchOwner, matchPhysdev } from './misc';
import { matchPortOption } from './ports';
import { matchRecent, matchSet } from './sets';
import { matchStatistic } from './statistic';

type ModuleEvaluator = (m: ModuleMatch, ctx: MatchContext, ruleId: string) => MatchResult;

/** Every option of the module must pass (options of one module are ANDed). */
function eachOption(test: (opt: ModuleMatch['options'][number], ctx: MatchContext) => MatchResult): ModuleEvaluator {
  return (m, ctx) => {
    let assumed: MatchResult['assumed'];
    for (const opt of m.options) {
      const r = test(opt, ctx);
      if (!r.ok) return r;
      assumed ??= r.assumed;
    }
    return assumed ? { ok: true, assumed } : PASS;
  };
}

const L4_PROTO: Record<string, number> = { tcp: 6, udp: 17, sctp: 132, udplite: 136, dccp: 33 };

function l4Module(name: string): ModuleEvaluator {
  const ports = eachOption(matchPortOption);
  return (m, ctx, id) => {
    // `-m tcp` only ever sees TCP packets: iptables requires `-p tcp` alongside it.
    if (ctx.packet.ip.proto !== L4_PROTO[name]) return { ok: false, reason: msg('why.proto', { want: name }) };
    return ports(m, ctx, id);
  };
}

const MODULES: Record<string, ModuleEvaluator> = {
  tcp: l4Module('tcp'),
  udp: l4Module('udp'),
  sctp: l4Module('sctp'),
  multiport: eachOption(matchPortOption),
  comment: () => PASS,
  nfacct: () => PASS, // accounting only
  conntrack: eachOption(matchConntrackOption),
  state: eachOption(matchConntrackOption),
  mark: eachOption((o, c) => matchMarkOption(o, c, 'mark')),
  connmark: eachOption((o, c) => matchMarkOption(o, c, 'connmark')),
  addrtype: (m, ctx) => matchAddrtype(m, ctx),
  statistic: (m, ctx, id) => matchStatistic(m, ctx, id),
  set: (m, ctx) => matchSet(m, ctx),
  recent: (m) => matchRecent(m),
  icmp: (m, ctx) => matchIcmp(m, ctx),
  iprange: (m, ctx) => matchIprange(m, ctx),
  mac: (m, ctx) => matchMac(m, ctx),
  physdev: (m, ctx) => matchPhysdev(m, ctx),
  owner: (m, ctx) => matchOwner(m, ctx),
  limit: (m) => assumeMatched(m, 'rate limit not reached'),
};

export function evaluateModule(m: ModuleMatch, ctx: MatchContext, ruleId: string): MatchResult {
  const evaluator = MODULES[m.module];
  if (!evaluator) return { ok: true, assumed: msg('assume.moduleUnknown', { module: m.module }) };
  return evaluator(m, ctx, ruleId);
}

export function isSimulatedModule(name: string): boolean {
  return name in MODULES;
}
