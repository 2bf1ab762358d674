/**
 * Every fork of the trace (kube-proxy's random endpoint, the IPVS scheduler, multipath routes),
 * each option with its probability; picking one re-runs the trace down that path.
 */
import { useTranslation } from 'react-i18next';
import { BranchIcon } from '../icons/NoteIcons';
import { useHopscope } from '../store/StoreProvider';

export function BranchesBar() {
  const { t } = useTranslation('playback');
  const branches = useHopscope((s) => s.trace?.branches);
  const hops = useHopscope((s) => s.hops);
  const choose = useHopscope((s) => s.choose);
  const goTo = useHopscope((s) => s.goTo);
  if (!branches?.length) return null;
  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-1 border-t border-slate-200 px-3 py-1 text-[12px]" role="group" aria-label={t('branches.label')} data-testid="branches-bar">
      <span className="flex items-center gap-1 font-semibold tracking-wide text-violet-800 uppercase">
        <BranchIcon className="h-3.5 w-3.5" />
        {t('branches.label')}
      </span>
      {branches.map((b) => {
        const at = hops.findIndex((h) => h.children.some((c) => c.kind === 'branch' && c.key === b.key));
        return (
          <span key={b.key} className="flex flex-wrap items-center gap-1" data-testid="branch-group" data-branch-key={b.key}>
            {at >= 0 && (
              <button type="button" onClick={() => goTo(at)} className="text-slate-500 underline decoration-dotted underline-offset-2 hover:text-slate-800">
                {t('branches.fork', { n: at + 1 })}
              </button>
            )}
            {b.options.map((o) => {
              const chosen = o.value === b.chosen;
              const p = `${Math.round(o.probability * 1000) / 10}%`;
              return (
                <button
                  key={o.value}
                  type="button"
                  aria-pressed={chosen}
                  aria-label={t('branches.follow', { label: o.label, p })}
                  onClick={() => void choose(b.key, o.value)}
                  data-testid="branch-option"
                  data-value={o.value}
                  className={`rounded-full px-2 py-px font-mono text-[11.5px] ring-1 ${chosen ? 'bg-violet-100 text-violet-900 ring-violet-300' : 'text-slate-600 ring-slate-200 hover:bg-slate-100'}`}
                >
                  {chosen ? '● ' : '○ '}
                  {o.label} <span className="font-sans font-semibold">{p}</span>
                </button>
              );
            })}
          </span>
        );
      })}
    </div>
  );
}
