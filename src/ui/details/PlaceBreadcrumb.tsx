import { useTranslation } from 'react-i18next';
import type { Place, Topology } from '../../engine';

/** node › namespace › interface › hook › table › chain, with the jump stack that led to the chain. */
export function PlaceBreadcrumb({ place, topology }: { place: Place; topology: Topology | null }) {
  const { t } = useTranslation(['details', 'common']);
  const ns = topology?.netns.find((n) => n.id === place.netns);
  const nsLabel = ns ? (ns.kind === 'host' ? t('common:hostNetns') : ns.label) : place.netnsName || t('common:hostNetns');
  const crumbs: [string, string, boolean][] = [
    ['node', place.node, false],
    ['netns', nsLabel, false],
  ];
  if (place.iface) crumbs.push(['iface', place.iface, true]);
  if (place.hook) crumbs.push(['hook', place.hook, false]);
  if (place.table) crumbs.push(['table', place.table, true]);
  if (place.chain) crumbs.push(['chain', place.chain, true]);
  const stack = place.stack ?? [];
  return (
    <nav aria-label={t('place.label')} data-testid="breadcrumb">
      <ol className="flex flex-wrap items-center gap-x-1 gap-y-0.5 text-[12.5px]">
        {crumbs.map(([kind, text, mono], i) => (
          <li key={kind} className="flex items-center gap-1" data-crumb={kind}>
            {i > 0 && (
              <span className="text-slate-300" aria-hidden="true">
                ›
              </span>
            )}
            <span className={`${mono ? 'font-mono' : ''} ${i === crumbs.length - 1 ? 'font-semibold text-slate-900' : 'text-slate-600'}`}>
              {text}
            </span>
          </li>
        ))}
      </ol>
      {stack.length > 0 && (
        <p className="mt-1 text-[11.5px] text-slate-500" data-testid="jump-stack">
          <span className="mr-1 font-semibold tracking-wide uppercase">{t('place.jumps')}</span>
          <span className="font-mono">{[...stack, place.chain].filter(Boolean).join(' → ')}</span>
        </p>
      )}
    </nav>
  );
}
