/**
 * The minimal projection of a trace: only rewrites and verdicts, one line each. Golden tests
 * compare this, so cosmetic changes to messages or hop details do not break them.
 */
import type { Trace } from './types';

export function minimalTrace(trace: Trace): string[] {
  const lines: string[] = [];
  for (const leg of trace.legs) {
    for (const hop of leg.hops) {
      // A tunnel wraps or unwraps the whole packet: one line says what, not every field it moved.
      if (hop.hop === 'encap' && hop.after.tunnel) {
        const o = hop.after;
        lines.push(`${leg.leg} ${hop.place.netns} encap: ${o.tunnel!.kind}${o.tunnel!.vni !== undefined ? ` vni ${o.tunnel!.vni}` : ''} ${o.ip.src} -> ${o.ip.dst}${o.l4 ? ` dport ${o.l4.dport}` : ''}`);
        continue;
      }
      if (hop.hop === 'decap') {
        lines.push(`${leg.leg} ${hop.place.netns} decap: ${hop.before.tunnel?.kind ?? '?'} from ${hop.before.ip.src}`);
        continue;
      }
      for (const child of hop.children) {
        if (child.kind !== 'modify') continue;
        for (const c of child.changes) {
          if (c.field.startsWith('eth.') || c.field === 'ip.ttl' || c.field === 'meta.ctstate') continue;
          const by = hop.decidedBy ? ` by ${hop.decidedBy.span.file}:${hop.decidedBy.span.line}` : '';
          lines.push(`${leg.leg} ${hop.place.netns} ${hop.place.hook ?? hop.hop}: ${c.field} ${c.before} -> ${c.after}${by}`);
        }
      }
    }
    lines.push(`${leg.leg} verdict: ${leg.verdict}`);
  }
  return lines;
}

/** All hops of all legs, in the order the packet lives them: the animation's steps. */
export function traceHops(trace: Trace) {
  return trace.legs.flatMap((leg) => leg.hops);
}
