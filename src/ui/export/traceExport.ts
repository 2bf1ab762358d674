/**
 * The trace as text to paste into a ticket or a chat: plain text in the CLI's layout, or a
 * Markdown table of hops with the verdicts, branches and assumptions.
 */
import { renderMessage } from '../../engine';
import type { HopNode, Lang, Trace } from '../../engine';
import { escapeMarkdown as md } from './markdown';

export interface ExportContext {
  trace: Trace;
  lang: Lang;
  /** The packet as the user wrote it, and where it started. */
  packet: string;
  from: string;
  title?: string;
}

const S = {
  heading: 'Hopscope trace',
  from: 'from',
  hopHeader: ['#', 'where', 'what', 'rule'],
  verdict: 'verdict',
  branches: 'Branches',
  followed: 'followed',
  assumptions: 'Assumptions',
  names: 'Names (kubectl)',
};

function where(hop: HopNode): string {
  const p = hop.place;
  return [p.node, p.netnsName || 'host', p.iface, p.hook, p.table, p.chain].filter(Boolean).join(' › ');
}

function ruleRef(hop: HopNode): string {
  return hop.decidedBy ? `${hop.decidedBy.span.file}:${hop.decidedBy.span.line}` : '';
}

function percent(p: number): string {
  return `${Math.round(p * 1000) / 10}%`;
}

function nameOf(trace: Trace, ip: string): string {
  const n = trace.names[ip];
  return n ? `${ip} (${n.kind} ${n.namespace ? `${n.namespace}/` : ''}${n.name})` : ip;
}

export function traceAsText({ trace, lang, packet, from, title }: ExportContext): string {
  const lines: string[] = [`${title ? `${title}: ` : ''}${packet} ${S.from} ${from}`];
  for (const leg of trace.legs) {
    lines.push(`── ${leg.leg} ──`);
    leg.hops.forEach((hop, i) => {
      lines.push(`${String(i + 1).padStart(3)}. [${hop.hop}] ${where(hop)}`);
      lines.push(`     ${renderMessage(hop.message, lang)}`);
      if (hop.decidedBy) lines.push(`     rule ${ruleRef(hop)}: ${hop.decidedBy.text}`);
      for (const child of hop.children) {
        if (child.kind === 'modify') for (const c of child.changes) if (!c.field.startsWith('meta.ct')) lines.push(`     ${c.field}: ${c.before} → ${c.after}`);
        if (child.kind === 'branch') lines.push(`     branch ${child.key}: ${child.options.map((o) => `${o.label} ${percent(o.probability)}${o.value === child.chosen ? ` (${S.followed})` : ''}`).join(', ')}`);
        if (child.kind === 'error') lines.push(`     error: ${renderMessage(child.message, lang)}`);
      }
    });
    lines.push(`  ${S.verdict}: ${leg.verdict} — ${renderMessage(leg.verdictMessage, lang)}`);
  }
  const names = Object.keys(trace.names);
  if (names.length) {
    lines.push(`── ${S.names} ──`);
    for (const ip of names) lines.push(`  ${nameOf(trace, ip)}`);
  }
  if (trace.assumptions.length) {
    lines.push(`── ${S.assumptions} ──`);
    for (const a of trace.assumptions) lines.push(`  • ${renderMessage(a, lang)}`);
  }
  return `${lines.join('\n')}\n`;
}

export function traceAsMarkdown({ trace, lang, packet, from, title }: ExportContext): string {
  const out: string[] = [`### ${md(title ?? S.heading)}`, '', `${md(packet)} ${S.from} ${md(from)}`, ''];
  for (const leg of trace.legs) {
    out.push(`**${md(leg.leg)}** — ${md(leg.verdict)}: ${md(renderMessage(leg.verdictMessage, lang))}`, '');
    out.push(`| ${S.hopHeader.join(' | ')} |`, '|---:|---|---|---|');
    leg.hops.forEach((hop, i) => {
      const changes = hop.children.flatMap((c) => (c.kind === 'modify' ? c.changes.filter((ch) => !ch.field.startsWith('meta.ct')) : []));
      const what = renderMessage(hop.message, lang) + (changes.length ? ` (${changes.map((c) => `${c.field} ${c.before} → ${c.after}`).join(', ')})` : '');
      out.push(`| ${i + 1} | ${md(where(hop))} | ${md(what)} | ${md(ruleRef(hop))} |`);
    });
    out.push('');
  }
  if (trace.branches.length) {
    out.push(`**${S.branches}**`, '');
    for (const b of trace.branches) {
      out.push(`- ${md(b.key)}: ${b.options.map((o) => `${md(o.label)} ${md(percent(o.probability))}${o.value === b.chosen ? ` (${S.followed})` : ''}`).join(', ')}`);
    }
    out.push('');
  }
  if (trace.assumptions.length) {
    out.push(`**${S.assumptions}**`, '');
    for (const a of trace.assumptions) out.push(`- ${md(renderMessage(a, lang))}`);
    out.push('');
  }
  return out.join('\n');
}
