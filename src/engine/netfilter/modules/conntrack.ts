/** conntrack and state: what the connection-tracking entry says about the packet. */
import { msg } from '../../explain/message';
import type { Option } from '../../formats/iptables/types';
import type { MatchContext, MatchResult } from '../context';
import { PASS } from '../context';

/** The states a packet "has", as xt_conntrack tests them: its ctinfo plus the NAT status bits. */
function statesOf(ctx: MatchContext): Set<string> {
  const m = ctx.packet.meta;
  // xt_conntrack: a packet with no conntrack entry attached counts as INVALID.
  const states = new Set<string>([m.ctstate === 'NONE' ? 'INVALID' : m.ctstate]);
  for (const nat of m.ctnat) states.add(nat);
  return states;
}

export function matchConntrackOption(opt: Option, ctx: MatchContext): MatchResult {
  const value = opt.args[0] ?? '';
  const m = ctx.packet.meta;
  let hit: boolean;
  let have: string;
  switch (opt.name) {
    case 'ctstate':
    case 'state': {
      const states = statesOf(ctx);
      hit = value.split(',').some((s) => states.has(s.toUpperCase()));
      have = [...states].join(',');
      break;
    }
    case 'ctdir':
      hit = value.toUpperCase() === m.ctdir;
      have = m.ctdir;
      break;
    case 'ctstatus': {
      // Only the bits the simulator tracks: a confirmed, replied connection is SEEN_REPLY/ASSURED.
      const status = new Set<string>(['CONFIRMED']);
      if (m.ctdir === 'REPLY' || m.ctstate === 'ESTABLISHED') status.add('SEEN_REPLY').add('ASSURED');
      if (m.ctstate === 'NEW') status.delete('CONFIRMED');
      hit = value.split(',').some((s) => status.has(s.toUpperCase()));
      have = [...status].join(',') || 'NONE';
      break;
    }
    default:
      return { ok: true, assumed: msg('assume.unknownOption', { option: `--${opt.name}` }) };
  }
  const ok = opt.negate ? !hit : hit;
  if (ok) return PASS;
  return { ok: false, reason: msg('why.ctstate', { have, want: `${opt.negate ? '! ' : ''}${value}` }) };
}
