/**
 * The trace as text to paste into a ticket or a chat: plain text in the CLI's layout, or a
 * Markdown table of hops with the verdicts, branches and assumptions.
 */
import { renderMessage } from '../../engine';
import type { HopNode, Lang, Trace } from '../../engine';
import { fixedT } from '../i18n';
import { escapeMarkdown as md } from './markdown';

export interface ExportContext {
  trace: Trace;
  lang: Lang;
  /** The packet as the user wrote it, and where it started. */
  packet: string;
  from: string;
  title?: string;
}

type T = ReturnType<typeof fixedT>;

function where(hop: HopNode, t: T): string {
  const p = hop.place;
  return [p.node, p.netnsName || t('common:host'), p.iface, p.hook, p.table, p.chain].filter(Boolean).join(' › ');
}

function ruleRef(hop: HopNode): string {
  return hop.decidedBy ? `${hop.decidedBy.span.file}:${hop.decidedBy.span.line}` : '';
}

function percent(p: number): string {
  return `${Math.round(p * 1000) / 10}%`;
}

function nameOf(trace: Trace, ip: string, t: T): string {
  const n = trace.names[ip];
  return n ? `${ip} (${t(`common:addressKind.${n.kind}`)} ${n.namespace ? `${n.namespace}/` : ''}${n.name})` : ip;
}

function heading({ packet, from, title }: ExportContext, t: T): string {
  return title ? t('titled', { title, packet, from }) : t('packetFrom', { packet, from });
}

/** Headings in the chosen language; hop kinds, fields and dump text stay as the engine names them. */
export function traceAsText(ctx: ExportContext): string {
  const { trace, lang } = ctx;
  const t = fixedT(lang, 'export');
  const lines: string[] = [heading(ctx, t)];
  for (const leg of trace.legs) {
    lines.push(`── ${t(`common:leg.${leg.leg}`)} ──`);
    leg.hops.forEach((hop, i) => {
      lines.push(`${String(i + 1).padStart(3)}. [${hop.hop}] ${where(hop, t)}`);
      lines.push(`     ${renderMessage(hop.message, lang)}`);
      if (hop.decidedBy) lines.push(`     ${t('rule', { ref: ruleRef(hop), text: hop.decidedBy.text })}`);
      for (const child of hop.children) {
        if (child.kind === 'modify') for (const c of child.changes) if (!c.field.startsWith('meta.ct')) lines.push(`     ${c.field}: ${c.before} → ${c.after}`);
        if (child.kind === 'branch') {
          const options = child.options.map((o) => `${o.label} ${percent(o.probability)}${o.value === child.chosen ? ` (${t('followed')})` : ''}`).join(', ');
          lines.push(`     ${t('branch', { key: child.key, options })}`);
        }
        if (child.kind === 'error') lines.push(`     ${t('error', { message: renderMessage(child.message, lang) })}`);
      }
    });
    lines.push(`  ${t('verdict', { verdict: t(`common:verdict.${leg.verdict}`), message: renderMessage(leg.verdictMessage, lang) })}`);
  }
  const names = Object.keys(trace.names);
  if (names.length) {
    lines.push(`── ${t('names')} ──`);
    for (const ip of names) lines.push(`  ${nameOf(trace, ip, t)}`);
  }
  if (trace.assumptions.length) {
    lines.push(`── ${t('assumptions')} ──`);
    for (const a of trace.assumptions) lines.push(`  • ${renderMessage(a, lang)}`);
  }
  return `${lines.join('\n')}\n`;
}

export function traceAsMarkdown(ctx: ExportContext): string {
  const { trace, lang, packet, from, title } = ctx;
  const t = fixedT(lang, 'export');
  const out: string[] = [`### ${md(title ?? t('heading'))}`, '', t('packetFrom', { packet: md(packet), from: md(from) }), ''];
  for (const leg of trace.legs) {
    out.push(`**${md(t(`common:leg.${leg.leg}`))}** — ${md(t(`common:verdict.${leg.verdict}`))}: ${md(renderMessage(leg.verdictMessage, lang))}`, '');
    out.push(`| # | ${t('col.where')} | ${t('col.what')} | ${t('col.rule')} |`, '|---:|---|---|---|');
    leg.hops.forEach((hop, i) => {
      const changes = hop.children.flatMap((c) => (c.kind === 'modify' ? c.changes.filter((ch) => !ch.field.startsWith('meta.ct')) : []));
      const what = renderMessage(hop.message, lang) + (changes.length ? ` (${changes.map((c) => `${c.field} ${c.before} → ${c.after}`).join(', ')})` : '');
      out.push(`| ${i + 1} | ${md(where(hop, t))} | ${md(what)} | ${md(ruleRef(hop))} |`);
    });
    out.push('');
  }
  if (trace.branches.length) {
    out.push(`**${t('branches')}**`, '');
    for (const b of trace.branches) {
      out.push(`- ${md(b.key)}: ${b.options.map((o) => `${md(o.label)} ${md(percent(o.probability))}${o.value === b.chosen ? ` (${t('followed')})` : ''}`).join(', ')}`);
    }
    out.push('');
  }
  if (trace.assumptions.length) {
    out.push(`**${t('assumptions')}**`, '');
    for (const a of trace.assumptions) out.push(`- ${md(renderMessage(a, lang))}`);
    out.push('');
  }
  return out.join('\n');
}
