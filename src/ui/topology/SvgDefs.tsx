/** Shared SVG definitions: the packet's glow, arrowheads, the background dot grid. */
export function SvgDefs() {
  return (
    <defs>
      <filter id="hs-glow" x="-100%" y="-100%" width="300%" height="300%">
        <feGaussianBlur in="SourceGraphic" stdDeviation="3" result="blur" />
        <feMerge>
          <feMergeNode in="blur" />
          <feMergeNode in="SourceGraphic" />
        </feMerge>
      </filter>
      <marker id="hs-arrow" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
        <path d="M0,0.5L7.5,4L0,7.5Z" className="fill-slate-400" />
      </marker>
      <pattern id="hs-dots" width="22" height="22" patternUnits="userSpaceOnUse">
        <circle cx="1.5" cy="1.5" r="1.1" className="fill-slate-300/70" />
      </pattern>
    </defs>
  );
}
