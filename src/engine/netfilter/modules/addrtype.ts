/** addrtype: classifies source or destination the way the kernel's route lookup does. */
import { msg } from '../../explain/message';
import type { ModuleMatch } from '../../formats/iptables/types';
import type { MatchContext, MatchResult } from '../context';
import { PASS } from '../context';

/**
 * One addrtype module instance: `--limit-iface-in/out` restrict the lookup to the packet's
 * input/output interface, so they apply to every type test in the same instance.
 */
export function matchAddrtype(m: ModuleMatch, ctx: MatchContext): MatchResult {
  let iface: string | undefined;
  for (const opt of m.options) {
    if (opt.name === 'limit-iface-in') iface = ctx.iif ?? undefined;
    if (opt.name === 'limit-iface-out') iface = ctx.oif ?? undefined;
  }
  let assumed: MatchResult['assumed'];
  for (const opt of m.options) {
    if (opt.name !== 'src-type' && opt.name !== 'dst-type') continue;
    if (ctx.addressesUnknown) assumed ??= msg('assume.addrtypeUnknown', { addr: opt.name === 'src-type' ? ctx.packet.ip.src : ctx.packet.ip.dst });
    const addr = opt.name === 'src-type' ? ctx.packet.ip.src : ctx.packet.ip.dst;
    const type = ctx.addrType(addr, iface);
    const wanted = (opt.args[0] ?? '').toUpperCase().split(',');
    const hit = wanted.includes(type);
    const ok = opt.negate ? !hit : hit;
    if (!ok) {
      return {
        ok: false,
        ...(assumed ? { assumed } : {}),
        reason: msg('why.addrtype', { side: opt.name === 'src-type' ? 'source' : 'destination', addr, type, want: `${opt.negate ? '! ' : ''}${opt.args[0] ?? ''}` }),
      };
    }
  }
  return assumed ? { ok: true, assumed } : PASS;
}
