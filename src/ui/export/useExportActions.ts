/**
 * The export buttons' actions: the topology as SVG or PNG, the trace as an HTML page. They read
 * the store when pressed and the drawn SVG from the page; nothing is sent anywhere.
 */
import { useCallback } from 'react';
import { localize } from '../../engine';
import { fixedT } from '../i18n';
import { useHopscopeApi } from '../store/StoreProvider';
import type { HopscopeState } from '../store/types';
import { downloadBlob, fileStem } from './download';
import { svgToPng } from './pngExport';
import { findTopologySvg, topologySvg } from './svgExport';
import { traceHtml } from './traceHtml';

export type ExportKind = 'svg' | 'png' | 'html';

function titleOf(s: HopscopeState): string {
  if (s.scenario) return localize(s.scenario.title, s.lang);
  return fixedT(s.lang, 'share')('html.workspaceTitle');
}

export function useExportActions() {
  const store = useHopscopeApi();
  return useCallback(
    async (kind: ExportKind) => {
      const s = store.getState();
      const title = titleOf(s);
      const stem = fileStem(s.scenarioId ?? title);
      const svgEl = findTopologySvg();
      const svg = svgEl ? topologySvg(svgEl, title) : null;
      if (kind === 'svg' || kind === 'png') {
        if (!svg) throw new Error('no topology');
        if (kind === 'svg') downloadBlob(new Blob([svg.text], { type: 'image/svg+xml' }), `${stem}-hop-${s.step + 1}.svg`);
        else downloadBlob(await svgToPng(svg), `${stem}-hop-${s.step + 1}.png`);
        return;
      }
      if (!s.trace) throw new Error('no trace');
      const { packet } = s.workspace;
      const html = traceHtml({
        trace: s.trace,
        lang: s.lang,
        title,
        ...(s.scenario ? { summary: localize(s.scenario.summary, s.lang) } : {}),
        packet: packet.spec,
        from: packet.in ? `${packet.from} (${packet.in})` : packet.from,
        svg: svg ? svg.text.replace(/^<\?xml[^>]*>\s*/, '') : null,
        t: fixedT(s.lang, 'share'),
      });
      downloadBlob(new Blob([html], { type: 'text/html' }), `${stem}-trace.html`);
    },
    [store],
  );
}
