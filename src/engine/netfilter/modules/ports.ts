/** tcp, udp, sctp, multiport: port and flag matches. */
import { msg } from '../../explain/message';
import type { Option } from '../../formats/iptables/types';
import type { MatchContext, MatchResult } from '../context';
import { PASS } from '../context';

/** `80`, `30000:32767`, `:1023`, `1024:` → [lo, hi]; null when malformed. */
export function parsePortRange(text: string): [number, number] | null {
  const colon = text.indexOf(':');
  const lo = colon < 0 ? text : text.slice(0, colon);
  const hi = colon < 0 ? text : text.slice(colon + 1);
  const num = (s: string, dflt: number) => (s === '' ? dflt : /^\d{1,5}$/.test(s) ? Number(s) : NaN);
  const a = num(lo, 0);
  const b = num(hi, 65535);
  if (Number.isNaN(a) || Number.isNaN(b) || a > 65535 || b > 65535) return null;
  return [a, b];
}

function inRanges(port: number, list: string): boolean | null {
  for (const item of list.split(',')) {
    const range = parsePortRange(item);
    if (!range) return null;
    if (port >= range[0] && port <= range[1]) return true;
  }
  return false;
}

const FLAG_LETTERS: Record<string, string> = { FIN: 'F', SYN: 'S', RST: 'R', PSH: 'P', ACK: 'A', URG: 'U', ECE: 'E', CWR: 'C' };

function flagSet(list: string): Set<string> {
  const upper = list.toUpperCase();
  if (upper === 'ALL') return new Set(Object.values(FLAG_LETTERS));
  if (upper === 'NONE') return new Set();
  return new Set(upper.split(',').map((f) => FLAG_LETTERS[f] ?? f));
}

/** Evaluates one port/flags option; `proto` is the module (tcp, udp, sctp, multiport). */
export function matchPortOption(opt: Option, ctx: MatchContext): MatchResult {
  const l4 = ctx.packet.l4;
  if (!l4) return { ok: false, reason: msg('why.noPorts') };
  const name = opt.name;
  let hit: boolean | null;
  let field = '';
  switch (name) {
    case 'dport': case 'destination-port': case 'dports': case 'destination-ports':
      field = 'dport';
      hit = inRanges(l4.dport, opt.args[0] ?? '');
      break;
    case 'sport': case 'source-port': case 'sports': case 'source-ports':
      field = 'sport';
      hit = inRanges(l4.sport, opt.args[0] ?? '');
      break;
    case 'ports':
      field = 'port';
      hit = (inRanges(l4.sport, opt.args[0] ?? '') ?? false) || (inRanges(l4.dport, opt.args[0] ?? '') ?? false);
      break;
    case 'tcp-flags': {
      const mask = flagSet(opt.args[0] ?? '');
      const want = flagSet(opt.args[1] ?? '');
      const have = new Set((l4.flags ?? '').split(''));
      hit = [...mask].every((f) => have.has(f) === want.has(f));
      field = 'flags';
      break;
    }
    case 'syn': {
      const have = l4.flags ?? '';
      hit = have.includes('S') && !have.includes('A') && !have.includes('R') && !have.includes('F');
      field = 'flags';
      break;
    }
    default:
      return { ok: true, assumed: msg('assume.unknownOption', { option: `--${name}` }) };
  }
  if (hit === null) return { ok: true, assumed: msg('assume.unknownOption', { option: `--${name} ${opt.args.join(' ')}` }) };
  const ok = opt.negate ? !hit : hit;
  if (ok) return PASS;
  const value = field === 'flags' ? l4.flags ?? '' : String(field === 'sport' ? l4.sport : l4.dport);
  return { ok: false, reason: msg('why.port', { field, value, want: `${opt.negate ? '! ' : ''}${opt.args.join(' ')}` }) };
}
