import { line } from 'd3-shape';
import { memo, useMemo } from 'react';
import { useHopscope } from '../store/StoreProvider';
import type { Point } from './geometry';

const polyline = line<Point>()
  .x((p) => p.x)
  .y((p) => p.y);

/** Drops consecutive repeats, so hops at one place add no zero-length segments. */
function squeeze(points: Point[]): Point[] {
  return points.filter((p, i) => i === 0 || p.x !== points[i - 1]!.x || p.y !== points[i - 1]!.y);
}

/**
 * The way travelled so far: earlier legs faint, the current leg in the packet's colour,
 * with a small dot at every place the packet stopped.
 */
export const TravelPath = memo(function TravelPath({ points, vias }: { points: Point[]; vias: (Point[] | null)[] }) {
  const step = useHopscope((s) => s.step);
  const hopLegs = useHopscope((s) => s.hopLegs);

  const { earlier, current, stops } = useMemo(() => {
    const leg = hopLegs[step];
    let start = step;
    while (start > 0 && hopLegs[start - 1] === leg) start--;
    // Each hop's corners come before its point, so the path follows links between nodes.
    const withVias = (from: number, to: number) => points.slice(from, to).flatMap((p, k) => (k > 0 ? [...(vias[from + k] ?? []), p] : [p]));
    return {
      earlier: squeeze(withVias(0, start)),
      current: squeeze(withVias(start, step + 1)),
      stops: points.slice(start, step),
    };
  }, [points, vias, hopLegs, step]);

  return (
    <g data-testid="travel-path" fill="none" strokeLinecap="round" strokeLinejoin="round" pointerEvents="none">
      {earlier.length > 1 && <path d={polyline(earlier) ?? ''} className="stroke-slate-400/60" strokeWidth={2.5} />}
      {current.length > 1 && (
        <>
          <path d={polyline(current) ?? ''} className="stroke-sky-400/30" strokeWidth={9} />
          <path d={polyline(current) ?? ''} className="stroke-sky-600" strokeWidth={2.5} />
        </>
      )}
      {stops.map((p, i) => (
        <circle key={i} cx={p.x} cy={p.y} r={3.5} className="fill-white stroke-sky-600" strokeWidth={1.5} />
      ))}
    </g>
  );
});
