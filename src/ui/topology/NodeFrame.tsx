import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { NodeBox } from './layout';
import { NetnsFrame } from './NetnsFrame';

/** A cluster node: a large rounded box holding its namespaces. */
export const NodeFrame = memo(function NodeFrame({ node }: { node: NodeBox }) {
  const { t } = useTranslation('topology');
  const { rect } = node;
  return (
    <g data-testid="node" data-node={node.name}>
      <rect x={rect.x} y={rect.y} width={rect.w} height={rect.h} rx={18} className="fill-white stroke-slate-300" strokeWidth={1.5} />
      <text x={rect.x + 16} y={rect.y + 23} className="fill-slate-800 text-[14px] font-bold">
        {node.name}
        <tspan dx={8} className="fill-slate-400 text-[11px] font-medium tracking-wide uppercase">
          {t('node')}
        </tspan>
      </text>
      {node.netns.map((b) => (
        <NetnsFrame key={b.id} box={b} />
      ))}
    </g>
  );
});
