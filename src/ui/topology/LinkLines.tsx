import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { LinkPath } from './layout';

const STYLE: Record<LinkPath['kind'], string> = {
  veth: 'stroke-slate-400 stroke-2',
  'bridge-port': 'stroke-slate-400 stroke-2',
  underlay: 'stroke-slate-400 stroke-[3]',
  tunnel: 'stroke-violet-400 stroke-2 [stroke-dasharray:6_4]',
  patch: 'stroke-teal-500 stroke-2 [stroke-dasharray:2_3]',
};

/** Veth pairs, bridge ports and links between nodes, drawn under the boxes' contents. */
export const LinkLines = memo(function LinkLines({ links }: { links: LinkPath[] }) {
  const { t } = useTranslation('topology');
  return (
    <g fill="none" strokeLinecap="round" strokeLinejoin="round">
      {links.map((l) => (
        <path key={l.id} d={l.d} data-link-kind={l.kind} data-testid="link" className={STYLE[l.kind]}>
          <title>{t(`link.${l.kind}`)}</title>
        </path>
      ))}
      {links.map(
        (l) =>
          l.ends && (
            <text key={`${l.id}-label`} x={l.ends.via[1]!.x + 8} y={l.ends.via[1]!.y - 4} className={`text-[10px] ${l.kind === 'tunnel' ? 'fill-violet-500' : 'fill-slate-500'}`} stroke="none">
              {l.kind === 'tunnel' ? t('tunnelLabel') : t('underlayLabel')}
            </text>
          ),
      )}
    </g>
  );
});
