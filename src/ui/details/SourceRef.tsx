import { useTranslation } from 'react-i18next';
import type { SourceSpan } from '../../engine';
import { useHopscope } from '../store/StoreProvider';

/** `file:line` of a dump line, the way compilers point at source; a click opens the dump there. */
export function SourceRef({ span, className = '' }: { span: SourceSpan; className?: string }) {
  const { t } = useTranslation('details');
  const openFile = useHopscope((s) => s.openFile);
  return (
    <button
      type="button"
      onClick={() => openFile({ file: span.file, line: span.line, column: span.column })}
      className={`font-mono text-[11.5px] break-all underline decoration-dotted underline-offset-2 hover:decoration-solid ${className}`}
      data-testid="source-ref"
      data-file={span.file}
      data-line={span.line}
      title={t('source.open', { file: span.file, line: span.line, column: span.column })}
    >
      {span.file}:{span.line}
    </button>
  );
}
