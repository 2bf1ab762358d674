/**
 * d3-zoom attached to the SVG React rendered. The behaviour writes the transform into the
 * store; React applies it (see ZoomLayer). Returns commands for the zoom buttons.
 */
import { select } from 'd3-selection';
import 'd3-transition';
import { zoom, zoomIdentity } from 'd3-zoom';
import type { ZoomBehavior } from 'd3-zoom';
import { useCallback, useEffect, useRef } from 'react';
import type { RefObject } from 'react';
import { useHopscopeApi } from '../store/StoreProvider';
import type { Rect } from './geometry';

const MARGIN = 16;
/** Extra room at the bottom for the issues panel that floats over the drawing's corner. */
const BOTTOM_ROOM = 28;
const MAX_FIT_SCALE = 1.3;

export interface ZoomCommands {
  fit: () => void;
  zoomBy: (factor: number) => void;
}

function reducedMotion(): boolean {
  return window.matchMedia('(prefers-reduced-motion: reduce)').matches;
}

export function useZoom(
  svgRef: RefObject<SVGSVGElement | null>,
  bounds: Rect | null,
  size: { width: number; height: number },
): ZoomCommands {
  const store = useHopscopeApi();
  const behaviour = useRef<ZoomBehavior<SVGSVGElement, unknown> | null>(null);

  useEffect(() => {
    const svg = svgRef.current;
    if (!svg) return;
    const z = zoom<SVGSVGElement, unknown>()
      .scaleExtent([0.2, 4])
      .on('zoom', (event: { transform: { x: number; y: number; k: number } }) => {
        const { x, y, k } = event.transform;
        store.getState().setTransform({ x, y, k });
      });
    const selection = select(svg);
    // Double-click is too easy to hit while clicking around; the buttons zoom instead.
    selection.call(z).on('dblclick.zoom', null);
    behaviour.current = z;
    return () => {
      selection.on('.zoom', null);
      behaviour.current = null;
    };
  }, [svgRef, store]);

  const fit = useCallback(() => {
    const svg = svgRef.current;
    const z = behaviour.current;
    if (!svg || !z || !bounds || size.width === 0 || size.height === 0 || bounds.w === 0) return;
    const k = Math.min(
      (size.width - 2 * MARGIN) / bounds.w,
      (size.height - 2 * MARGIN - BOTTOM_ROOM) / bounds.h,
      MAX_FIT_SCALE,
    );
    const x = (size.width - bounds.w * k) / 2 - bounds.x * k;
    const y = (size.height - BOTTOM_ROOM - bounds.h * k) / 2 - bounds.y * k;
    select(svg).call(z.transform, zoomIdentity.translate(x, y).scale(k));
  }, [svgRef, bounds, size.width, size.height]);

  // Refit whenever the drawing or the room for it changes.
  useEffect(fit, [fit]);

  const zoomBy = useCallback(
    (factor: number) => {
      const svg = svgRef.current;
      const z = behaviour.current;
      if (!svg || !z) return;
      const selection = select(svg);
      if (reducedMotion()) selection.call(z.scaleBy, factor);
      else selection.transition().duration(200).call(z.scaleBy, factor);
    },
    [svgRef],
  );

  return { fit, zoomBy };
}
