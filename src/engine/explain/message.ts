/**
 * Explanations are data: a message key and its parameters. Each language renders them
 * (see `explain/render.ts`), so the engine never builds user-facing sentences itself.
 */
export interface Msg {
  key: string;
  /** A parameter may itself be a message (a reason inside a sentence), rendered in the same language. */
  params?: Record<string, string | number | Msg>;
}

export function msg(key: string, params?: Msg['params']): Msg {
  return params ? { key, params } : { key };
}
