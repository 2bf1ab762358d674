/**
 * What a rule's target does to the packet and to the walk through the chains.
 * Terminating targets end the table (ACCEPT, DROP, REJECT, and the NAT targets, which accept);
 * the others change the packet or record something and let the walk continue.
 */
import type { Msg } from '../explain/message';
import { msg } from '../explain/message';
import type { Option, Target } from '../formats/iptables/types';
import { clonePacket, type Packet } from '../trace/packet';
import { hex, parseMarkMask } from './modules/marks';

export type TargetOutcome =
  | { kind: 'continue' }
  | { kind: 'return' }
  | { kind: 'jump'; chain: string; goto: boolean }
  | { kind: 'verdict'; verdict: 'ACCEPT' | 'DROP' | 'REJECT'; rejectWith?: string }
  | { kind: 'nat'; nat: 'DNAT' | 'SNAT'; ip: string; port: number | null };

export interface TargetEffect {
  outcome: TargetOutcome;
  /** The packet after the target (same object when unchanged). */
  packet: Packet;
  assumptions: Msg[];
}

export interface TargetContext {
  /** Output interface at this point (for MASQUERADE). */
  oif: string | null;
  /** Input interface (for REDIRECT). */
  iif: string | null;
  /** The address source address selection picks on an interface, for MASQUERADE and REDIRECT. */
  primaryAddress(iface: string, towards: string): string | null;
}

const NON_TERMINATING_LOGGERS = new Set(['LOG', 'NFLOG', 'ULOG', 'TRACE', 'NFACCT', 'AUDIT', 'CHECKSUM', 'TCPMSS', 'TOS', 'DSCP', 'TTL', 'CLASSIFY', 'SECMARK', 'CONNSECMARK', 'TEE']);

function opt(options: Option[], ...names: string[]): Option | undefined {
  return options.find((o) => names.includes(o.name));
}

/** `10.244.1.5:8080`, `10.0.0.1-10.0.0.9:1000-2000` → the first address and port, as a first connection gets. */
function parseNatTo(text: string): { ip: string; port: number | null; range: boolean } {
  const colon = text.indexOf(':');
  const ipPart = colon < 0 ? text : text.slice(0, colon);
  const portPart = colon < 0 ? '' : text.slice(colon + 1);
  const ip = ipPart.split('-')[0] ?? '';
  const port = portPart ? Number(portPart.split('-')[0]) : null;
  return { ip, port: port !== null && Number.isFinite(port) ? port : null, range: ipPart.includes('-') || portPart.includes('-') };
}

function applyMark(packet: Packet, options: Option[], field: 'mark' | 'ctmark'): Packet {
  const next = clonePacket(packet);
  const old = next.meta[field];
  let value = old;
  const o = opt(options, 'set-xmark', 'set-mark', 'or-mark', 'xor-mark', 'and-mark');
  if (o) {
    const mm = parseMarkMask(o.args[0] ?? '');
    if (mm) {
      // All forms reduce to --set-xmark V/M: new = (old & ~M) ^ V.
      let v = mm.value;
      let m = mm.mask;
      if (o.name === 'set-mark') m = o.args[0]?.includes('/') ? mm.mask : 0xffffffff;
      if (o.name === 'or-mark') m = v;
      if (o.name === 'xor-mark') m = 0;
      if (o.name === 'and-mark') {
        m = ~v >>> 0;
        v = 0;
      }
      value = ((old & ~m) ^ v) >>> 0;
    }
  }
  next.meta[field] = value;
  return next;
}

export function applyTarget(target: Target | null, packet: Packet, ctx: TargetContext): TargetEffect {
  const none = { outcome: { kind: 'continue' } as TargetOutcome, packet, assumptions: [] as Msg[] };
  if (!target) return none;
  const { name, options } = target;
  switch (name) {
    case 'ACCEPT':
    case 'DROP':
      return { ...none, outcome: { kind: 'verdict', verdict: name } };
    case 'REJECT':
      return { ...none, outcome: { kind: 'verdict', verdict: 'REJECT', rejectWith: opt(options, 'reject-with')?.args[0] ?? 'icmp-port-unreachable' } };
    case 'RETURN':
      return { ...none, outcome: { kind: 'return' } };
    case 'MARK':
      return { ...none, packet: applyMark(packet, options, 'mark') };
    case 'NOTRACK':
    case 'CT': {
      // Only `--notrack` changes what the simulator follows: conntrack then ignores the packet.
      if (name === 'CT' && !opt(options, 'notrack')) return none;
      const next = clonePacket(packet);
      next.meta.ctstate = 'UNTRACKED';
      return { ...none, packet: next };
    }
    case 'CONNMARK': {
      if (opt(options, 'restore-mark')) {
        const next = clonePacket(packet);
        const mask = parseMarkMask(opt(options, 'nfmask', 'mask')?.args[0] ?? '0xffffffff')?.value ?? 0xffffffff;
        next.meta.mark = ((next.meta.mark & ~mask) | (next.meta.ctmark & mask)) >>> 0;
        return { ...none, packet: next };
      }
      if (opt(options, 'save-mark')) {
        const next = clonePacket(packet);
        const mask = parseMarkMask(opt(options, 'ctmask', 'mask')?.args[0] ?? '0xffffffff')?.value ?? 0xffffffff;
        next.meta.ctmark = ((next.meta.ctmark & ~mask) | (next.meta.mark & mask)) >>> 0;
        return { ...none, packet: next };
      }
      return { ...none, packet: applyMark(packet, options, 'ctmark') };
    }
    case 'DNAT':
    case 'SNAT': {
      const to = opt(options, name === 'DNAT' ? 'to-destination' : 'to-source', 'to');
      const parsed = parseNatTo(to?.args[0] ?? '');
      const assumptions = parsed.range ? [msg('assume.natRange', { range: to?.args[0] ?? '' })] : [];
      return { outcome: { kind: 'nat', nat: name, ip: parsed.ip, port: parsed.port }, packet, assumptions };
    }
    case 'MASQUERADE': {
      const ip = ctx.oif ? ctx.primaryAddress(ctx.oif, packet.ip.dst) : null;
      const assumptions: Msg[] = [];
      if (opt(options, 'random-fully', 'random')) assumptions.push(msg('assume.randomPort'));
      if (!ip) return { outcome: { kind: 'verdict', verdict: 'DROP' }, packet, assumptions: [msg('assume.masqNoAddress', { iface: ctx.oif ?? '?' })] };
      const ports = opt(options, 'to-ports')?.args[0];
      return { outcome: { kind: 'nat', nat: 'SNAT', ip, port: ports ? Number(ports.split('-')[0]) : null }, packet, assumptions };
    }
    case 'REDIRECT': {
      const ip = ctx.iif ? ctx.primaryAddress(ctx.iif, packet.ip.src) : '127.0.0.1';
      const ports = opt(options, 'to-ports')?.args[0];
      return { outcome: { kind: 'nat', nat: 'DNAT', ip: ip ?? '127.0.0.1', port: ports ? Number(ports.split('-')[0]) : null }, packet, assumptions: [] };
    }
    default:
      if (NON_TERMINATING_LOGGERS.has(name)) return none;
      return { ...none, outcome: { kind: 'jump', chain: name, goto: target.goto } };
  }
}

export function describeMark(p: Packet): string {
  return hex(p.meta.mark);
}
