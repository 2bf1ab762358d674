/** Evaluates one rule's matches, in order, the way the kernel does: the first failing match ends it. */
import type { Msg } from '../explain/message';
import { msg } from '../explain/message';
import type { BasicMatch, Match, Rule } from '../formats/iptables/types';
import { formatIpv4Net, inNet, parseIpv4 } from '../net/ipv4';
import { protocolName } from '../net/ipv4';
import type { MatchContext, MatchResult } from './context';
import { PASS } from './context';
import { ifaceMatches } from './iface';
import { evaluateModule } from './modules';

export interface RuleEvaluation {
  matched: boolean;
  failed?: { matchIndex: number; text: string; reason: Msg };
  /** What the simulator had to assume to decide this rule. */
  assumptions: Msg[];
  /** Texts of the matches that were assumed rather than evaluated. */
  notSimulated: string[];
}

function evaluateBasic(m: BasicMatch, ctx: MatchContext): MatchResult {
  let hit: boolean;
  let reason: Msg;
  switch (m.kind) {
    case 'src':
    case 'dst': {
      const addr = m.kind === 'src' ? ctx.packet.ip.src : ctx.packet.ip.dst;
      const ip = parseIpv4(addr);
      hit = ip !== null && inNet(ip, m.net);
      const side = m.kind === 'src' ? 'source' : 'destination';
      reason = m.negate ? msg('why.addrNot', { side, addr, net: formatIpv4Net(m.net) }) : msg('why.addr', { side, addr, want: formatIpv4Net(m.net) });
      break;
    }
    case 'iif':
    case 'oif': {
      const name = m.kind === 'iif' ? ctx.iif : ctx.oif;
      hit = name !== null && ifaceMatches(m.name, name);
      reason = msg('why.iface', { side: m.kind === 'iif' ? 'in' : 'out', have: name ?? '-', want: `${m.negate ? '! ' : ''}${m.name}` });
      break;
    }
    case 'proto':
      hit = m.proto === 0 || ctx.packet.ip.proto === m.proto;
      reason = msg(m.negate ? 'why.protoNot' : 'why.proto', { want: protocolName(m.proto) });
      break;
    case 'fragment':
      hit = false; // the simulator sends unfragmented packets
      reason = msg('why.fragment');
      break;
  }
  const ok = m.negate ? !hit : hit;
  return ok ? PASS : { ok: false, reason };
}

export function evaluateMatch(m: Match, ctx: MatchContext, ruleId: string): MatchResult {
  return m.kind === 'module' ? evaluateModule(m, ctx, ruleId) : evaluateBasic(m, ctx);
}

/** The text of one match as written in the rule line. */
export function matchText(rule: Rule, m: Match): string {
  const start = m.span.column - rule.span.column;
  const end = (m.span.endColumn ?? m.span.column) - rule.span.column;
  const text = rule.text.slice(Math.max(0, start), Math.max(start, end)).trim();
  return text || (m.kind === 'module' ? `-m ${m.module}` : m.kind);
}

export function evaluateRule(rule: Rule, ctx: MatchContext): RuleEvaluation {
  const assumptions: Msg[] = [];
  const notSimulated: string[] = [];
  for (let i = 0; i < rule.matches.length; i++) {
    const m = rule.matches[i]!;
    const r = evaluateMatch(m, ctx, rule.id);
    if (r.assumed) {
      assumptions.push(r.assumed);
      notSimulated.push(matchText(rule, m));
    }
    if (!r.ok) {
      return { matched: false, failed: { matchIndex: i, text: matchText(rule, m), reason: r.reason ?? r.assumed ?? msg('why.unknown') }, assumptions, notSimulated };
    }
  }
  return { matched: true, assumptions, notSimulated };
}
