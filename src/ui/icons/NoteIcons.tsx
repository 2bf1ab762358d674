/** Icons that flag notes: an assumption the simulator made, an error it met. */
export function AssumptionIcon({ className = 'h-4 w-4' }: { className?: string }) {
  return (
    <svg viewBox="0 0 16 16" className={className} fill="none" aria-hidden="true">
      <path d="M8 1.8L14.6 13.5H1.4Z" className="stroke-current" strokeWidth="1.5" strokeLinejoin="round" />
      <path d="M8 6v3.6M8 11.6v.2" className="stroke-current" strokeWidth="1.7" strokeLinecap="round" />
    </svg>
  );
}

export function ErrorIcon({ className = 'h-4 w-4' }: { className?: string }) {
  return (
    <svg viewBox="0 0 16 16" className={className} fill="none" aria-hidden="true">
      <circle cx="8" cy="8" r="6.3" className="stroke-current" strokeWidth="1.5" />
      <path d="M5.8 5.8l4.4 4.4M10.2 5.8l-4.4 4.4" className="stroke-current" strokeWidth="1.6" strokeLinecap="round" />
    </svg>
  );
}

/** A fork in the path: where the trace could go more than one way. */
export function BranchIcon({ className = 'h-4 w-4' }: { className?: string }) {
  return (
    <svg viewBox="0 0 16 16" className={className} fill="none" aria-hidden="true">
      <path d="M4 2.5v11M4 8c0-2.5 2-3.5 4-3.5h4M4 8c0 2.5 2 3.5 4 3.5h4M10.5 2.8l1.8 1.7-1.8 1.7M10.5 9.8l1.8 1.7-1.8 1.7" className="stroke-current" strokeWidth="1.5" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
