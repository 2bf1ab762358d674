/** mark and connmark: `--mark value[/mask]`, tested as (mark & mask) == value. */
import { msg } from '../../explain/message';
import type { Option } from '../../formats/iptables/types';
import type { MatchContext, MatchResult } from '../context';
import { PASS } from '../context';

/** `0x4000/0x4000` → {value, mask}; mask defaults to all ones. Null when malformed. */
export function parseMarkMask(text: string): { value: number; mask: number } | null {
  const [v, m] = text.split('/');
  const num = (s: string | undefined) => (s !== undefined && /^(0x[0-9a-f]{1,8}|\d{1,10})$/i.test(s) ? Number(s) >>> 0 : null);
  const value = num(v);
  const mask = m === undefined ? 0xffffffff : num(m);
  if (value === null || mask === null) return null;
  return { value, mask };
}

export function hex(n: number): string {
  return `0x${(n >>> 0).toString(16)}`;
}

export function matchMarkOption(opt: Option, ctx: MatchContext, which: 'mark' | 'connmark'): MatchResult {
  if (opt.name !== 'mark') return { ok: true, assumed: msg('assume.unknownOption', { option: `--${opt.name}` }) };
  const mm = parseMarkMask(opt.args[0] ?? '');
  if (!mm) return { ok: true, assumed: msg('assume.unknownOption', { option: `--mark ${opt.args[0] ?? ''}` }) };
  const have = which === 'mark' ? ctx.packet.meta.mark : ctx.packet.meta.ctmark;
  const hit = ((have & mm.mask) >>> 0) === mm.value;
  const ok = opt.negate ? !hit : hit;
  if (ok) return PASS;
  return { ok: false, reason: msg('why.mark', { which, have: hex(have), want: `${opt.negate ? '! ' : ''}${opt.args[0]}` }) };
}
