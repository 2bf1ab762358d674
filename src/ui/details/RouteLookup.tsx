import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import type { RouteNode } from '../../engine';
import { Section } from './Section';
import { SourceRef } from './SourceRef';

/** A routing decision: the route that won and where it sends the packet. */
export function RouteLookup({ route }: { route: RouteNode }) {
  const { t } = useTranslation('details');
  // Labelled with `ip route`'s own keywords, as the dump writes them.
  const fields: [keyword: string, value: string | null | undefined][] = [
    ['table', route.route?.table],
    ['via', route.via],
    ['dev', route.dev],
    ['src', route.src],
  ];
  return (
    <Section title={t('route.title')}>
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
        <p className="text-[13px] text-red-700">{t('route.none')}</p>
      )}
      <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-[12.5px]">
        <dt className="text-slate-500">{t('route.result')}</dt>
        <dd className="font-medium text-slate-800">{t(`route.results.${route.result}`)}</dd>
        {fields.map(
          ([keyword, value]) =>
            value && (
              <Fragment key={keyword}>
                <dt className="text-slate-500">{keyword}</dt>
                <dd className="font-mono text-slate-800">{value}</dd>
              </Fragment>
            ),
        )}
      </dl>
    </Section>
  );
}
