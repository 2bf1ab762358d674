import type { SourceSpan } from '../../engine';

/** `file:line` of a dump line, the way compilers point at source. */
export function SourceRef({ span, className = '' }: { span: SourceSpan; className?: string }) {
  return (
    <span
      className={`font-mono text-[11.5px] break-all ${className}`}
      data-testid="source-ref"
      data-file={span.file}
      data-line={span.line}
      title={`${span.file}, line ${span.line}, column ${span.column}`}
    >
      {span.file}:{span.line}
    </span>
  );
}
