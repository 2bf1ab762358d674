/** Shared Tailwind class strings for controls, so buttons and fields look alike everywhere. */
export const BUTTON =
  'inline-flex items-center gap-1.5 rounded-md border border-slate-200 bg-white px-2 py-1 text-[12.5px] font-medium text-slate-700 hover:bg-slate-50 hover:text-slate-900 disabled:cursor-not-allowed disabled:opacity-45';
export const BUTTON_PRIMARY =
  'inline-flex items-center gap-1.5 rounded-md bg-sky-600 px-3 py-1 text-[12.5px] font-semibold text-white shadow-sm hover:bg-sky-700 disabled:cursor-not-allowed disabled:opacity-45';
export const BUTTON_GHOST =
  'inline-flex items-center gap-1 rounded-md px-1.5 py-0.5 text-[12px] text-slate-600 hover:bg-slate-100 hover:text-slate-900';
export const FIELD =
  'w-full min-w-0 rounded-md border border-slate-300 bg-white px-2 py-1 text-[12.5px] text-slate-800 placeholder:text-slate-400 aria-invalid:border-red-400 aria-invalid:ring-1 aria-invalid:ring-red-300';
export const SELECT = 'min-w-0 rounded-md border border-slate-300 bg-white px-1.5 py-1 text-[12.5px] text-slate-800';
export const LABEL = 'text-[11px] font-semibold tracking-wide text-slate-500 uppercase';
