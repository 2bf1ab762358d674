import { Component } from 'react';
import type { ErrorInfo, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** The message itself: a function component, so it can use the catalogs. */
function RenderError({ error, onRetry }: { error: Error; onRetry: () => void }) {
  const { t } = useTranslation('shell');
  return (
    <div role="alert" className="m-8 max-w-2xl rounded-xl border border-red-200 bg-white p-6 shadow-sm" data-testid="render-error">
      <h1 className="text-[17px] font-semibold text-red-700">{t('error.title')}</h1>
      <p className="mt-2 text-[14px] text-slate-700">{t('error.body')}</p>
      <pre className="mt-3 overflow-x-auto hs-code rounded-md p-3 font-mono text-[12px] whitespace-pre-wrap">{error.message}</pre>
      <button
        type="button"
        onClick={onRetry}
        className="mt-4 rounded-md bg-sky-600 px-3 py-1.5 text-[13px] font-medium text-white hover:bg-sky-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-500"
      >
        {t('error.retry')}
      </button>
    </div>
  );
}

/** A render error anywhere below shows a message with the cause instead of a blank page. */
export class ErrorBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo) {
    console.error('Hopscope failed to render', error, info.componentStack);
  }

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    return <RenderError error={error} onRetry={() => this.setState({ error: null })} />;
  }
}
