import { Fragment } from 'react';
import type { ReactNode } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { scenarioIds } from '../scenarios/scenarioFiles';
import { useHopscope } from '../store/StoreProvider';

function Centered({ children }: { children: ReactNode }) {
  return <div className="grid h-full place-items-center p-8">{children}</div>;
}

/** What the main area shows until there is a trace: a loading note, or a readable error. */
export function LoadState() {
  const { t } = useTranslation('shell');
  const status = useHopscope((s) => s.loadStatus);
  const loadError = useHopscope((s) => s.loadError);
  const analysisError = useHopscope((s) => s.analysisError);
  const scenarioId = useHopscope((s) => s.scenarioId);
  const error = status === 'error' ? loadError : analysisError;

  if (!error) {
    return (
      <Centered>
        <p className="flex items-center gap-3 text-[14px] text-slate-500" role="status" data-testid="loading">
          <span className="h-3 w-3 rounded-full bg-sky-500 motion-safe:animate-pulse" aria-hidden="true" />
          <Trans t={t} i18nKey="load.loading" values={{ id: scenarioId ?? '' }} components={{ id: <code className="font-mono" /> }} />
        </p>
      </Centered>
    );
  }
  const known = scenarioIds();
  // An unknown id is worded here; other errors are the engine's located diagnostics.
  const unknown = status === 'error' && scenarioId !== null && !known.includes(scenarioId);
  return (
    <Centered>
      <div role="alert" className="max-w-xl rounded-xl border border-red-200 bg-white p-6 shadow-sm" data-testid="load-error">
        <h2 className="text-[16px] font-semibold text-red-700">
          {status === 'error' ? t('load.failed') : t('load.unsimulated')}
        </h2>
        <p className="mt-2 text-[14px] leading-relaxed text-slate-700">{unknown ? t('load.unknown', { id: scenarioId }) : error}</p>
        {known.length > 0 && (
          <p className="mt-4 text-[13px] text-slate-500">
            {t('load.openOneOf')}{' '}
            {known.map((id, i) => (
              <Fragment key={id}>
                {i > 0 && t('load.separator')}
                <a className="font-mono text-sky-700 underline hover:text-sky-900" href={`?scenario=${encodeURIComponent(id)}`}>
                  {id}
                </a>
              </Fragment>
            ))}
          </p>
        )}
      </div>
    </Centered>
  );
}
