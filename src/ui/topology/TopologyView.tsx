/**
 * The topology view: React draws the model (nodes, namespaces, interfaces, links) from a layout
 * computed in useMemo; d3-zoom pans it; one D3 layer moves the packet token.
 */
import { useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useHopscope } from '../store/StoreProvider';
import { hopPoints, hopVias, placeIfaceId } from './hopPoint';
import { layoutTopology } from './layout';
import { LinkLines } from './LinkLines';
import { NetfilterStrip } from './NetfilterStrip';
import { NetnsIfaces } from './NetnsIfaces';
import { NodeFrame } from './NodeFrame';
import { PacketToken } from './PacketToken';
import { SvgDefs } from './SvgDefs';
import { TravelPath } from './TravelPath';
import { useElementSize } from './useElementSize';
import { useZoom } from './useZoom';
import { ZoomControls } from './ZoomControls';
import { ZoomLayer } from './ZoomLayer';

export function TopologyView() {
  const { t } = useTranslation('topology');
  const topology = useHopscope((s) => s.topology);
  const hops = useHopscope((s) => s.hops);
  const containerRef = useRef<HTMLDivElement>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  const size = useElementSize(containerRef);

  // Interfaces a hop visits are always drawn, even loopback.
  const visited = useMemo(() => new Set(hops.map((h) => placeIfaceId(h.place)).filter((id): id is string => id !== null)), [hops]);
  const layout = useMemo(() => (topology ? layoutTopology(topology, visited) : null), [topology, visited]);
  const points = useMemo(() => (layout ? hopPoints(layout, hops) : []), [layout, hops]);
  const vias = useMemo(() => (layout ? hopVias(layout, hops) : []), [layout, hops]);
  const boxes = useMemo(() => layout?.nodes.flatMap((n) => n.netns) ?? [], [layout]);
  const zoom = useZoom(svgRef, layout?.bounds ?? null, size);

  return (
    <div ref={containerRef} className="relative h-full w-full overflow-hidden bg-slate-50" data-testid="topology">
      <svg ref={svgRef} className="absolute inset-0 h-full w-full cursor-grab touch-none select-none active:cursor-grabbing" role="img" aria-label={t('svgLabel')}>
        <SvgDefs />
        <rect width="100%" height="100%" fill="url(#hs-dots)" />
        {layout && (
          <ZoomLayer>
            {layout.nodes.map((n) => (
              <NodeFrame key={n.name} node={n} />
            ))}
            <LinkLines links={layout.links} />
            <TravelPath points={points} vias={vias} />
            {/* Interfaces and hooks above the path: it reads as passing through them, never over their names. */}
            {boxes.map((b) => (
              <NetnsIfaces key={b.id} box={b} />
            ))}
            {boxes.map((b) => b.strip && <NetfilterStrip key={b.id} strip={b.strip} netns={b.id} />)}
            <PacketToken points={points} vias={vias} />
          </ZoomLayer>
        )}
      </svg>
      <ZoomControls {...zoom} />
    </div>
  );
}
