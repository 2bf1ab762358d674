import type { ReactNode } from 'react';

/** A titled block of the details panel. */
export function Section({ title, aside, children }: { title: string; aside?: ReactNode; children: ReactNode }) {
  return (
    <section className="border-t border-slate-200 px-4 py-3">
      <h3 className="mb-2 flex items-baseline justify-between text-[11px] font-semibold tracking-wider text-slate-500 uppercase">
        {title}
        {aside && <span className="text-[11px] font-normal tracking-normal normal-case">{aside}</span>}
      </h3>
      {children}
    </section>
  );
}
