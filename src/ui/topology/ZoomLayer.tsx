import type { ReactNode } from 'react';
import { useHopscope } from '../store/StoreProvider';

/** Applies the zoom transform from the store; its children are stable elements, so only this re-renders on pan. */
export function ZoomLayer({ children }: { children: ReactNode }) {
  const t = useHopscope((s) => s.transform);
  return (
    <g data-testid="zoom-layer" transform={`translate(${t.x},${t.y}) scale(${t.k})`}>
      {children}
    </g>
  );
}
