/**
 * The one imperative layer: React renders an empty <g>, D3 owns the token inside it and tweens
 * it from hop to hop. Steps arrive through a store subscription (transient update), so a
 * moving packet never re-renders React.
 */
import { easeCubicInOut } from 'd3-ease';
import { select } from 'd3-selection';
import 'd3-transition';
import { useEffect, useRef } from 'react';
import type { HopNode } from '../../engine';
import { useHopscopeApi } from '../store/StoreProvider';
import type { Point } from './geometry';

const TWEEN_MS = 520;

function tone(hop: HopNode | undefined): string {
  if (hop?.hop === 'drop') return 'fill-red-500';
  if (hop?.hop === 'deliver') return 'fill-emerald-500';
  return 'fill-sky-500';
}

export function PacketToken({ points, vias }: { points: Point[]; vias: (Point[] | null)[] }) {
  const ref = useRef<SVGGElement>(null);
  const store = useHopscopeApi();

  useEffect(() => {
    if (!ref.current) return;
    const layer = select(ref.current);
    const token = layer.append('g').attr('opacity', 0);
    token.append('circle').attr('r', 15).attr('class', 'hs-token-halo fill-sky-400/25');
    // An encapsulated packet wears a ring: the outer headers around it.
    const ring = token.append('circle').attr('r', 11).attr('fill', 'none').attr('stroke-width', 3).attr('class', 'stroke-orange-500').attr('opacity', 0);
    const core = token
      .append('circle')
      .attr('r', 7)
      .attr('class', 'fill-sky-500 stroke-white')
      .attr('stroke-width', 2.5)
      .attr('filter', 'url(#hs-glow)');
    const reduced = window.matchMedia('(prefers-reduced-motion: reduce)');

    const move = (step: number, animate: boolean) => {
      const p = points[step];
      token.interrupt();
      if (!p) return void token.attr('opacity', 0);
      const hop = store.getState().hops[step];
      core.attr('class', `${tone(hop)} stroke-white`);
      ring.attr('opacity', hop?.after.tunnel ? 1 : 0);
      layer.attr('data-step', step).attr('data-x', Math.round(p.x)).attr('data-y', Math.round(p.y)).attr('data-encapsulated', hop?.after.tunnel ? 'true' : null);
      const to = `translate(${p.x},${p.y})`;
      if (!animate || reduced.matches) return void token.attr('opacity', 1).attr('transform', to);
      // Through the link's corners (between nodes), then to the hop: one chained transition per leg of the way.
      const stops = [...(vias[step] ?? []), p];
      let t = token.attr('opacity', 1).transition().duration(TWEEN_MS / stops.length).ease(stops.length > 1 ? (x: number) => x : easeCubicInOut);
      stops.forEach((q, k) => {
        if (k > 0) t = t.transition().duration(TWEEN_MS / stops.length);
        t.attr('transform', `translate(${q.x},${q.y})`);
      });
    };

    move(store.getState().step, false);
    const unsubscribe = store.subscribe((s, prev) => {
      // Tween to the next hop shown (at a coarser detail level it may be several hops on) within
      // a leg; a jump across legs or the whole trace lands at once.
      if (s.step !== prev.step) {
        const between = s.hops.slice(Math.min(s.step, prev.step), Math.max(s.step, prev.step) + 1);
        const shownBetween = s.shown.filter((i) => i > Math.min(s.step, prev.step) && i < Math.max(s.step, prev.step)).length;
        move(s.step, shownBetween === 0 && between.length > 1 && s.hopLegs[s.step] === s.hopLegs[prev.step]);
      }
    });
    return () => {
      unsubscribe();
      token.interrupt();
      token.remove();
    };
  }, [points, vias, store]);

  return <g ref={ref} data-testid="packet-token" pointerEvents="none" />;
}
