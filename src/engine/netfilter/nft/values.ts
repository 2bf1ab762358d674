/**
 * nft expressions evaluated against a packet: each yields a value (a number, an address or
 * symbol as text, a list of flags, or a concatenation of values), or `undefined` when the
 * simulator cannot know it (then the caller makes an assumption).
 */
import type { NftExpr } from '../../formats/nft/types';
import type { MatchContext } from '../context';

export type NftValue = number | string | string[] | NftValue[];

const L4: Record<string, number> = { tcp: 6, udp: 17, icmp: 1, sctp: 132, udplite: 136, dccp: 33, gre: 47, esp: 50, ah: 51, icmpv6: 58 };

/** Symbolic constants nft prints for numbers, by the field they compare with. */
export function symbolValue(text: string): number | undefined {
  return L4[text];
}

function ctState(ctx: MatchContext): string[] {
  const s = ctx.packet.meta.ctstate;
  // nft_ct: a packet without a conntrack entry has state "invalid".
  return [s === 'NONE' ? 'invalid' : s.toLowerCase()];
}

function ctStatus(ctx: MatchContext): string[] {
  const m = ctx.packet.meta;
  const out = m.ctnat.map((n) => n.toLowerCase());
  if (m.ctstate !== 'NEW' && m.ctstate !== 'NONE') out.push('confirmed', 'seen-reply', 'assured');
  return out;
}

export function evalExpr(e: NftExpr, ctx: MatchContext): NftValue | undefined {
  const p = ctx.packet;
  switch (e.kind) {
    case 'payload': {
      if (e.field === 'saddr') return p.ip.src;
      if (e.field === 'daddr') return p.ip.dst;
      if (e.field === 'protocol' || e.field === 'nexthdr') return p.ip.proto;
      if (e.field === 'ttl') return p.ip.ttl;
      const isL4 = e.protocol === 'th' || (e.protocol === 'tcp' && p.ip.proto === 6) || (e.protocol === 'udp' && p.ip.proto === 17) || (e.protocol === 'sctp' && p.ip.proto === 132);
      if (!isL4 || !p.l4) return undefined;
      if (e.field === 'sport') return p.l4.sport;
      if (e.field === 'dport') return p.l4.dport;
      if (e.field === 'flags') return [...(p.l4.flags ?? '')].map((f) => ({ S: 'syn', A: 'ack', F: 'fin', R: 'rst', P: 'psh', U: 'urg' })[f] ?? f);
      return undefined;
    }
    case 'meta':
      switch (e.key) {
        case 'l4proto': case 'protocol': return p.ip.proto;
        case 'nfproto': return 'ipv4';
        case 'mark': return p.meta.mark;
        case 'iifname': case 'iif': return ctx.iif ?? '';
        case 'oifname': case 'oif': return ctx.oif ?? '';
        case 'pkttype': return 'host';
        default: return undefined;
      }
    case 'ct':
      if (e.direction) {
        return undefined;
      }
      switch (e.key) {
        case 'state': return ctState(ctx);
        case 'status': return ctStatus(ctx);
        case 'mark': return p.meta.ctmark;
        case 'direction': return p.meta.ctdir.toLowerCase();
        default: return undefined;
      }
    case 'fib':
      if (e.result === 'type') {
        const addr = e.flags.includes('saddr') ? p.ip.src : p.ip.dst;
        const dev = e.flags.includes('iif') ? ctx.iif ?? undefined : e.flags.includes('oif') ? ctx.oif ?? undefined : undefined;
        return ctx.addrType(addr, dev).toLowerCase();
      }
      return undefined;
    case 'binop': {
      const l = evalExpr(e.left, ctx);
      const r = evalExpr(e.right, ctx);
      if (typeof l !== 'number' || typeof r !== 'number') return undefined;
      switch (e.op) {
        case '&': return (l & r) >>> 0;
        case '|': return (l | r) >>> 0;
        case '^': return (l ^ r) >>> 0;
        case '<<': return (l << r) >>> 0;
        case '>>': return l >>> r;
      }
      return undefined;
    }
    case 'concat': {
      const parts = e.parts.map((x) => evalExpr(x, ctx));
      return parts.some((x) => x === undefined) ? undefined : (parts as NftValue[]);
    }
    case 'literal':
      return e.number ?? symbolValue(e.text) ?? e.text;
    case 'list':
      return e.items.map((i) => (i.kind === 'literal' ? i.text : '?'));
    default:
      return undefined;
  }
}
