/** The Hopscope mark: a packet dot on its path. */
export function Logo() {
  return (
    <span className="flex items-center gap-2">
      <svg viewBox="0 0 24 24" className="h-6 w-6" aria-hidden="true">
        <path d="M3 17c4 0 4-10 9-10s5 10 9 10" fill="none" className="stroke-slate-300" strokeWidth="2" strokeLinecap="round" />
        <circle cx="12" cy="7" r="4" className="fill-sky-500" />
        <circle cx="12" cy="7" r="6.5" className="fill-sky-400/25" />
      </svg>
      <span className="text-[17px] font-bold tracking-tight text-slate-900">Hopscope</span>
    </span>
  );
}
