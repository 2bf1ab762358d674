/**
 * The `### hopscope-KEY: VALUE` lines `scripts/hopscope-collect.sh` writes (see docs/bundle.md).
 * They start in column 1; `###hopscope-node:x` and extra spaces are accepted too.
 */

export const DIRECTIVE_KEYS = ['bundle', 'node', 'netns', 'section', 'skipped', 'stderr', 'exit', 'end', 'note'] as const;
export type DirectiveKey = (typeof DIRECTIVE_KEYS)[number];

export interface Directive {
  /** A known key, or the unknown key as written (reported, then ignored: newer scripts may add keys). */
  key: DirectiveKey | string;
  known: boolean;
  value: string;
  /** 1-based columns of the key word and of the value. */
  keyColumn: number;
  valueColumn: number;
}

const PREFIX = 'hopscope-';

/**
 * Reads a directive line (no trailing CR); null when the line is not one.
 *
 * @example parseDirective('### hopscope-section: ip -d addr'); // { key: 'section', value: 'ip -d addr', ... }
 */
export function parseDirective(line: string): Directive | null {
  if (!line.startsWith('###')) return null;
  let i = 3;
  while (line.charCodeAt(i) === 32 || line.charCodeAt(i) === 9) i++;
  if (!line.startsWith(PREFIX, i)) return null;
  const keyStart = i + PREFIX.length;
  let keyEnd = keyStart;
  while (keyEnd < line.length && line[keyEnd] !== ':' && line.charCodeAt(keyEnd) !== 32 && line.charCodeAt(keyEnd) !== 9) keyEnd++;
  const key = line.slice(keyStart, keyEnd);
  let v = keyEnd;
  if (line[v] === ':') v++;
  while (line.charCodeAt(v) === 32 || line.charCodeAt(v) === 9) v++;
  const value = line.slice(v).trimEnd();
  return {
    key, known: (DIRECTIVE_KEYS as readonly string[]).includes(key), value,
    keyColumn: i + 1, valueColumn: v + 1,
  };
}
