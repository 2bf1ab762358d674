/** Detailed / summary / minimal, as a radio group (keys 1, 2, 3). */
import { useHopscope } from '../store/StoreProvider';
import type { DetailLevel } from '../store/types';

const S = {
  label: 'Detail level',
  levels: {
    detailed: ['Detailed', 'Every hop and every rule evaluated'],
    summary: ['Summary', 'Hooks, the chains that decided, and rewrites'],
    minimal: ['Minimal', 'Only rewrites and the verdict'],
  } as Record<DetailLevel, [string, string]>,
};

const LEVELS: DetailLevel[] = ['detailed', 'summary', 'minimal'];

export function DetailLevelSwitch() {
  const detail = useHopscope((s) => s.detail);
  const setDetail = useHopscope((s) => s.setDetail);
  return (
    <div role="radiogroup" aria-label={S.label} className="inline-flex rounded-md border border-slate-200 bg-white p-0.5" data-testid="detail-level">
      {LEVELS.map((level, i) => {
        const [name, hint] = S.levels[level];
        const on = level === detail;
        return (
          <button
            key={level}
            type="button"
            role="radio"
            aria-checked={on}
            title={`${hint} (${i + 1})`}
            aria-keyshortcuts={String(i + 1)}
            onClick={() => setDetail(level)}
            data-level={level}
            className={`rounded px-2 py-0.5 text-[12px] font-medium ${on ? 'bg-sky-600 text-white' : 'text-slate-600 hover:bg-slate-100'}`}
          >
            {name}
          </button>
        );
      })}
    </div>
  );
}
