/**
 * Diagnostics: every problem a parser or the simulator finds is a value, never an exception.
 * Codes are stable (tests and docs refer to them) and live in one table.
 */

import { DIAGNOSTIC_CODES, type DiagnosticCode } from './diagnostic-codes';
import { msg, type Msg } from './explain/message';
import { renderMessage } from './explain/render';

export { DIAGNOSTIC_CODES, type DiagnosticCode };

export type Severity = 'error' | 'warning' | 'info';

/** A 1-based location in a named input. `endColumn` is exclusive. */
export interface SourceSpan {
  file: string;
  line: number;
  column: number;
  endColumn?: number;
}

export interface Diagnostic extends SourceSpan {
  code: DiagnosticCode;
  severity: Severity;
  /** In English: what the CLI prints and tests read. */
  message: string;
  /** The same message as data, so the UI renders it in the reader's language. */
  text: Msg;
  hint?: string;
  hintText?: Msg;
}

/**
 * A located problem. Without a message, the code's general sentence (`diag.CODE`) is used; a
 * specific message is a catalog key with its parameters, so every language can render it.
 */
export function diagnostic(
  code: DiagnosticCode,
  span: SourceSpan,
  message?: Msg,
  severity: Severity = 'error',
  hint?: Msg,
): Diagnostic {
  const text = message ?? msg(`diag.${code}`);
  const d: Diagnostic = { code, severity, message: renderMessage(text), text, ...span };
  if (hint !== undefined) {
    d.hint = renderMessage(hint);
    d.hintText = hint;
  }
  return d;
}

/** `file:line:column: severity CODE message`, the form the CLI prints. */
export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.column}: ${d.severity} ${d.code} ${d.message}`;
}

/** What every parser returns: a value (possibly partial) and the problems found. */
export interface ParseResult<T> {
  value: T;
  diagnostics: Diagnostic[];
  /**
   * The diagnostics a lazy parser has not looked for yet (iptables-save's rule bodies, see
   * formats/iptables/lazy-chains.ts): call it once, when there is time, and go through what it
   * gives, one piece of the work per step (a chain), so that a caller can stop between pieces;
   * sort them by position when done. They are not in `diagnostics`.
   */
  deferred?: () => Iterable<Diagnostic[]>;
}

/** Every diagnostic of a parse, the deferred ones found now (all steps at once), unsorted. */
export function allDiagnostics(r: ParseResult<unknown>): Diagnostic[] {
  return [...r.diagnostics, ...[...(r.deferred?.() ?? [])].flat()];
}
