/**
 * Explanations are data: a message key and its parameters. Each language renders them
 * (see `explain/render.ts`), so the engine never builds user-facing sentences itself.
 */
export interface Msg {
  key: string;
  params?: Record<string, string | number>;
}

export function msg(key: string, params?: Msg['params']): Msg {
  return params ? { key, params } : { key };
}
