/** Small matches: icmp, iprange, mac, physdev, owner, limit, comment, nfacct. */
import { msg } from '../../explain/message';
import type { ModuleMatch } from '../../formats/iptables/types';
import { parseIpv4 } from '../../net/ipv4';
import type { MatchContext, MatchResult } from '../context';
import { ifaceMatches } from '../iface';
import { PASS } from '../context';

const ICMP_TYPES: Record<string, number> = {
  'echo-reply': 0, 'destination-unreachable': 3, 'port-unreachable': 3, 'host-unreachable': 3,
  redirect: 5, 'echo-request': 8, 'time-exceeded': 11, 'parameter-problem': 12, any: -1,
};

export function matchIcmp(m: ModuleMatch, ctx: MatchContext): MatchResult {
  const opt = m.options.find((o) => o.name === 'icmp-type');
  if (!opt) return PASS;
  if (ctx.packet.ip.proto !== 1) return { ok: false, reason: msg('why.notIcmp') };
  const want = opt.args[0] ?? 'any';
  const type = ICMP_TYPES[want] ?? Number(want.split('/')[0]);
  // The simulator sends echo requests for ICMP packets.
  const hit = type === -1 || type === 8;
  const ok = opt.negate ? !hit : hit;
  return ok ? PASS : { ok: false, reason: msg('why.icmpType', { want }) };
}

export function matchIprange(m: ModuleMatch, ctx: MatchContext): MatchResult {
  for (const opt of m.options) {
    if (opt.name !== 'src-range' && opt.name !== 'dst-range') continue;
    const [lo, hi] = (opt.args[0] ?? '').split('-');
    const a = parseIpv4(lo ?? '');
    const b = parseIpv4(hi ?? lo ?? '');
    const addr = parseIpv4(opt.name === 'src-range' ? ctx.packet.ip.src : ctx.packet.ip.dst);
    if (a === null || b === null || addr === null) return { ok: true, assumed: msg('assume.unknownOption', { option: `--${opt.name}` }) };
    const hit = addr >= a && addr <= b;
    if ((opt.negate ? !hit : hit) === false) return { ok: false, reason: msg('why.iprange', { range: opt.args[0] ?? '' }) };
  }
  return PASS;
}

export function matchMac(m: ModuleMatch, ctx: MatchContext): MatchResult {
  const opt = m.options.find((o) => o.name === 'mac-source');
  if (!opt) return PASS;
  const have = ctx.packet.eth?.src;
  if (!have) return { ok: true, assumed: msg('assume.macUnknown') };
  const hit = have.toLowerCase() === (opt.args[0] ?? '').toLowerCase();
  const ok = opt.negate ? !hit : hit;
  return ok ? PASS : { ok: false, reason: msg('why.mac', { have, want: opt.args[0] ?? '' }) };
}

/** Matches the simulator cannot decide from a dump: assumed to match, and said so. */
export function assumeMatched(m: ModuleMatch, what: string): MatchResult {
  return { ok: true, assumed: msg('assume.notSimulated', { module: m.module, what }) };
}

/**
 * physdev: the bridge ports of a bridged frame. In PREROUTING only the input port is known;
 * a frame that is routed rather than bridged has no ports at all.
 */
export function matchPhysdev(m: ModuleMatch, ctx: MatchContext): MatchResult {
  const ports = ctx.bridged;
  for (const opt of m.options) {
    let hit: boolean;
    switch (opt.name) {
      case 'physdev-in':
        hit = !!ports && ifaceMatches(opt.args[0] ?? '', ports.inPort);
        break;
      case 'physdev-out':
        hit = !!ports?.outPort && ifaceMatches(opt.args[0] ?? '', ports.outPort);
        break;
      case 'physdev-is-in':
        hit = !!ports;
        break;
      case 'physdev-is-out':
      case 'physdev-is-bridged':
        hit = !!ports?.outPort;
        break;
      default:
        return { ok: true, assumed: msg('assume.unknownOption', { option: `--${opt.name}` }) };
    }
    if ((opt.negate ? !hit : hit) === false) {
      return { ok: false, reason: msg('why.physdev', { option: `${opt.negate ? '! ' : ''}--${opt.name} ${opt.args.join(' ')}`.trim(), ports: ports ? `${ports.inPort} → ${ports.outPort ?? '?'}` : 'none (not bridged)' }) };
    }
  }
  return PASS;
}

/** owner only exists for locally generated packets (OUTPUT, POSTROUTING). */
export function matchOwner(m: ModuleMatch, ctx: MatchContext): MatchResult {
  if (ctx.hook !== 'OUTPUT' && ctx.hook !== 'POSTROUTING') return { ok: false, reason: msg('why.ownerNotLocal') };
  return assumeMatched(m, 'owner');
}
