import type { RouteNode } from '../../engine';
import { Section } from './Section';
import { SourceRef } from './SourceRef';

const RESULT: Record<RouteNode['result'], string> = {
  local: 'for this host (local delivery)',
  forward: 'forward',
  output: 'send out',
  blackhole: 'blackhole: silently dropped',
  unreachable: 'unreachable',
  prohibit: 'prohibited',
  none: 'no route',
};

/** A routing decision: the route that won and where it sends the packet. */
export function RouteLookup({ route }: { route: RouteNode }) {
  return (
    <Section title="Route lookup">
      {route.route ? (
        <>
          <pre className="hs-code rounded-t-md px-3 py-2 font-mono text-[12px] break-all whitespace-pre-wrap">
            {route.route.text}
          </pre>
          <div className="hs-code-foot rounded-b-md px-3 py-1 text-[11px]">
            <SourceRef span={route.route.span} />
          </div>
        </>
      ) : (
        <p className="text-[13px] text-red-700">No route matches this destination.</p>
      )}
      <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-[12.5px]">
        <dt className="text-slate-500">result</dt>
        <dd className="font-medium text-slate-800">{RESULT[route.result]}</dd>
        {route.route && (
          <>
            <dt className="text-slate-500">table</dt>
            <dd className="font-mono text-slate-800">{route.route.table}</dd>
          </>
        )}
        {route.via && (
          <>
            <dt className="text-slate-500">via</dt>
            <dd className="font-mono text-slate-800">{route.via}</dd>
          </>
        )}
        {route.dev && (
          <>
            <dt className="text-slate-500">dev</dt>
            <dd className="font-mono text-slate-800">{route.dev}</dd>
          </>
        )}
        {route.src && (
          <>
            <dt className="text-slate-500">src</dt>
            <dd className="font-mono text-slate-800">{route.src}</dd>
          </>
        )}
      </dl>
    </Section>
  );
}
