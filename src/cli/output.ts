/** How a trace is printed: readable text, or the JSON contract other tools consume. */
import { renderMessage, traceHops, type HopNode, type LegNode, type Packet, type Trace } from '../engine/index';

/** `10.244.1.5 (pod default/web-1)` when kubectl named the address. */
function named(trace: Trace, ip: string): string {
  const n = trace.names[ip];
  return n ? `${ip} (${n.kind} ${n.namespace ? `${n.namespace}/` : ''}${n.name})` : ip;
}

function where(hop: HopNode): string {
  const p = hop.place;
  const parts = [p.netns as string, p.iface, p.hook, p.table, p.chain].filter(Boolean);
  return parts.join(' › ');
}

export function formatText(trace: Trace): string {
  const lines: string[] = [];
  for (const leg of trace.legs) {
    lines.push(`── ${leg.leg} ──`);
    leg.hops.forEach((hop, i) => {
      lines.push(`${String(i + 1).padStart(3)}. [${hop.hop}] ${where(hop)}`);
      lines.push(`     ${renderMessage(hop.message)}`);
      if (hop.decidedBy) lines.push(`     rule ${hop.decidedBy.span.file}:${hop.decidedBy.span.line}: ${hop.decidedBy.text}`);
      for (const child of hop.children) {
        if (child.kind === 'modify') for (const c of child.changes) if (!c.field.startsWith('meta.ct')) lines.push(`     ${c.field}: ${c.before} → ${c.after}`);
        if (child.kind === 'branch') lines.push(`     branch ${child.key}: ${child.options.map((o) => `${o.label} ${(o.probability * 100).toFixed(1)}%${o.value === child.chosen ? ' (followed)' : ''}`).join(', ')}`);
        if (child.kind === 'error') lines.push(`     error: ${renderMessage(child.message)}`);
      }
    });
    lines.push(`  verdict: ${leg.verdict} — ${renderMessage(leg.verdictMessage)}`);
  }
  const names = Object.keys(trace.names);
  if (names.length) {
    lines.push('── names (kubectl) ──');
    for (const ip of names) lines.push(`  ${named(trace, ip)}`);
  }
  if (trace.assumptions.length) {
    lines.push('── assumptions ──');
    for (const a of trace.assumptions) lines.push(`  • ${renderMessage(a)}`);
  }
  return lines.join('\n');
}

function matchedRules(leg: LegNode) {
  return leg.hops.flatMap((hop) =>
    hop.children
      .filter((c) => c.kind === 'rule' && c.matched)
      .map((c) => {
        const r = (c as Extract<typeof c, { kind: 'rule' }>).rule;
        return { node: hop.place.node, hook: hop.place.hook, table: r.table, chain: r.chain, position: r.position, file: r.span.file, line: r.span.line, target: r.target, text: r.text };
      }),
  );
}

function finalOf(leg: LegNode) {
  const last = leg.hops[leg.hops.length - 1];
  if (!last) return null;
  const p = last.after;
  // The output interface the last POSTROUTING saw (a bridge for bridged frames), else the last egress.
  const hops = [...leg.hops].reverse();
  const egress = hops.find((h) => h.place.hook === 'POSTROUTING' && h.place.iface)?.place.iface ?? hops.find((h) => h.hop === 'egress')?.place.iface ?? null;
  const proto = p.ip.proto === 6 ? 'tcp' : p.ip.proto === 17 ? 'udp' : p.ip.proto === 1 ? 'icmp' : String(p.ip.proto);
  return { proto, src: p.ip.src, sport: p.l4?.sport ?? null, dst: p.ip.dst, dport: p.l4?.dport ?? null, egress };
}

/** The outer headers of an encapsulated packet, as the JSON contract names them. */
function outerOf(p: Packet) {
  return { src: p.ip.src, dst: p.ip.dst, proto: p.ip.proto === 17 ? 'udp' : p.ip.proto === 4 ? 'ipip' : String(p.ip.proto), dport: p.l4?.dport ?? null, vni: p.tunnel?.vni ?? null, kind: p.tunnel?.kind };
}

export function toJson(trace: Trace) {
  const request = trace.legs[0]!;
  return {
    verdict: request.verdict,
    message: renderMessage(request.verdictMessage),
    rules: matchedRules(request),
    final: finalOf(request),
    hops: traceHops(trace).map((hop) => ({
      id: hop.id,
      kind: hop.hop,
      node: hop.place.node,
      netns: hop.place.netns,
      interface: hop.place.iface ?? null,
      hook: hop.place.hook ?? null,
      table: hop.place.table ?? null,
      chain: hop.place.chain ?? null,
      message: renderMessage(hop.message),
      rule: hop.decidedBy ? { file: hop.decidedBy.span.file, line: hop.decidedBy.span.line, text: hop.decidedBy.text } : null,
      ...(hop.hop === 'encap' && hop.after.tunnel ? { outer: outerOf(hop.after) } : {}),
    })),
    legs: trace.legs.map((leg) => ({ leg: leg.leg, verdict: leg.verdict, rules: matchedRules(leg), final: finalOf(leg) })),
    branches: trace.branches.map((b) => ({ key: b.key, chosen: b.chosen, defaulted: b.defaulted, options: b.options })),
    assumptions: trace.assumptions.map((a) => renderMessage(a)),
    names: trace.names,
  };
}
