/**
 * The whole trace as one self-contained HTML page, for slides or an archive: no script, no
 * external request (its own Content-Security-Policy forbids both), styles inline, the topology
 * as inline SVG. Every piece of text from the dumps or the scenario goes through escapeHtml.
 */
import type { TFunction } from 'i18next';
import { renderMessage } from '../../engine';
import type { HopNode, Lang, Trace } from '../../engine';
import { escapeHtml as h } from './html';

export interface TraceHtmlInput {
  trace: Trace;
  lang: Lang;
  title: string;
  summary?: string;
  packet: string;
  from: string;
  /** The topology as serialised SVG markup (already escaped by the serialiser), or null. */
  svg: string | null;
  /** Strings of the `share` namespace in the page's language. */
  t: TFunction;
}

const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

const STYLE = `
:root{color-scheme:light;font-family:system-ui,-apple-system,'Segoe UI',Roboto,'Noto Sans','Noto Sans CJK KR','Noto Sans CJK SC',sans-serif;color:#0f172a;background:#fff}
body{margin:0 auto;max-width:72rem;padding:2rem 2.5rem;font-size:18px;line-height:1.5}
h1{font-size:2rem;margin:0 0 .25rem}h2{font-size:1.4rem;margin:2rem 0 .5rem;border-bottom:2px solid #cbd5e1;padding-bottom:.25rem}
.meta{color:#334155;margin:0 0 .5rem}.summary{color:#334155}
code{font-family:ui-monospace,'DejaVu Sans Mono',monospace;font-size:.85em;background:#f1f5f9;border-radius:4px;padding:0 .25em;overflow-wrap:anywhere}
figure{margin:1.5rem 0;width:fit-content;max-width:100%;border:1px solid #e2e8f0;border-radius:8px;overflow:auto}figure svg{display:block;max-width:100%;height:auto}
ol.hops{list-style:none;padding:0;margin:0}ol.hops>li{display:grid;grid-template-columns:3rem 1fr;gap:.75rem;padding:.75rem 0;border-bottom:1px solid #e2e8f0;break-inside:avoid}
.n{font-weight:700;color:#0369a1;font-variant-numeric:tabular-nums;text-align:right}
.where{color:#475569;font-size:.85em;margin:0}.msg{margin:.15rem 0;font-weight:500}.rule{margin:.25rem 0;font-size:.85em}
.changes{margin:.25rem 0;padding-left:1.25rem;font-size:.85em}.verdict{font-weight:600}
.delivered,.forwarded{color:#047857}.dropped,.rejected,.unroutable,.incomplete{color:#b91c1c}
footer{margin-top:2rem;color:#64748b;font-size:.8em}
@media print{body{font-size:14pt}section.leg{break-before:page}}
`;

function where(hop: HopNode): string {
  const p = hop.place;
  return [p.node, p.netnsName, p.iface, p.hook, p.table, p.chain].filter(Boolean).join(' › ');
}

function hopItem(hop: HopNode, n: number, lang: Lang, t: TFunction): string {
  const parts = [`<p class="where">${h(hop.hop)} · ${h(where(hop))}</p>`, `<p class="msg">${h(renderMessage(hop.message, lang))}</p>`];
  if (hop.decidedBy) {
    const ref = `${hop.decidedBy.span.file}:${hop.decidedBy.span.line}`;
    parts.push(`<p class="rule">${h(t('html.rule'))} <code>${h(ref)}</code> <code>${h(hop.decidedBy.text)}</code></p>`);
  }
  const changes: string[] = [];
  for (const child of hop.children) {
    if (child.kind === 'modify') for (const c of child.changes) if (!c.field.startsWith('meta.ct')) changes.push(`<li><code>${h(c.field)}</code> ${h(c.before)} → ${h(c.after)}</li>`);
    if (child.kind === 'error') changes.push(`<li>${h(renderMessage(child.message, lang))}</li>`);
  }
  if (changes.length) parts.push(`<ul class="changes">${changes.join('')}</ul>`);
  return `<li><div class="n">${n}</div><div>${parts.join('')}</div></li>`;
}

export function traceHtml({ trace, lang, title, summary, packet, from, svg, t }: TraceHtmlInput): string {
  const body: string[] = [`<header><h1>${h(title)}</h1>`, `<p class="meta">${h(t('html.packet', { packet, from }))}</p>`];
  if (summary) body.push(`<p class="summary">${h(summary)}</p>`);
  body.push('</header>');
  if (svg) body.push(`<figure aria-label="${h(t('html.topology'))}">${svg}</figure>`);
  for (const leg of trace.legs) {
    body.push(`<section class="leg"><h2>${h(t(`html.leg.${leg.leg}`))}</h2>`);
    body.push(`<ol class="hops">${leg.hops.map((hop, i) => hopItem(hop, i + 1, lang, t)).join('')}</ol>`);
    body.push(`<p class="verdict ${h(leg.verdict)}">${h(t(`html.verdict.${leg.verdict}`))}: ${h(renderMessage(leg.verdictMessage, lang))}</p></section>`);
  }
  if (trace.branches.length) {
    body.push(`<section><h2>${h(t('html.branches'))}</h2><ul>`);
    for (const b of trace.branches) {
      const options = b.options.map((o) => `${h(o.label)} ${Math.round(o.probability * 1000) / 10}%${o.value === b.chosen ? ` (${h(t('html.followed'))})` : ''}`);
      body.push(`<li><code>${h(b.key)}</code>: ${options.join(', ')}</li>`);
    }
    body.push('</ul></section>');
  }
  if (trace.assumptions.length) {
    body.push(`<section><h2>${h(t('html.assumptions'))}</h2><ul>${trace.assumptions.map((a) => `<li>${h(renderMessage(a, lang))}</li>`).join('')}</ul></section>`);
  }
  body.push(`<footer>${h(t('html.footer'))}</footer>`);
  return `<!doctype html>
<html lang="${h(lang)}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${h(title)}</title>
<style>${STYLE}</style>
</head>
<body>
${body.join('\n')}
</body>
</html>
`;
}
