import { useEffect, useRef } from 'react';
import { createPortal } from 'react-dom';
import { useHopscope } from '../store/StoreProvider';

/**
 * In presenter mode, a ring follows the mouse so the room sees what the presenter points at.
 * Positions are written straight to the element (no React render per mouse move).
 */
export function PointerHighlight() {
  const presenting = useHopscope((s) => s.presenting);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!presenting) return;
    const move = (e: PointerEvent) => {
      const el = ref.current;
      if (!el) return;
      el.style.transform = `translate(${e.clientX}px, ${e.clientY}px)`;
      el.hidden = false;
    };
    const leave = () => {
      if (ref.current) ref.current.hidden = true;
    };
    window.addEventListener('pointermove', move, { passive: true });
    document.documentElement.addEventListener('pointerleave', leave);
    return () => {
      window.removeEventListener('pointermove', move);
      document.documentElement.removeEventListener('pointerleave', leave);
    };
  }, [presenting]);
  if (!presenting) return null;
  return createPortal(<div ref={ref} className="hs-pointer" hidden aria-hidden="true" data-testid="pointer-highlight" />, document.body);
}
