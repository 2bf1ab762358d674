/**
 * Limits checked before a scenario.yaml (untrusted: it may come from a shared link) reaches the
 * YAML parser. The `yaml` library's cost grows steeply with nesting (200 nested `{` take about a
 * second, 2000 take minutes), so a file is refused, with a located reason, when it is larger or
 * deeper than any real scenario is. Aliases are capped by the parser's own `maxAliasCount`.
 */

/** Largest scenario.yaml read; real ones are a few KiB. */
export const MAX_SCENARIO_YAML_BYTES = 256 * 1024;
/** Deepest nesting of flow collections (`{`, `[`) accepted. */
export const MAX_FLOW_DEPTH = 32;
/** Widest indentation accepted: block nesting is bounded by it. */
export const MAX_INDENT = 96;

export interface YamlLimitProblem {
  line: number;
  column: number;
  message: string;
}

/**
 * The first limit `text` breaks, or null. One linear pass; brackets inside quotes and comments
 * count too (a real scenario is far below the limits either way, so overcounting is harmless).
 *
 * @example checkYamlLimits('a: ' + '['.repeat(40))?.message; // 'scenario.yaml nests [ and { more than 32 deep.'
 */
export function checkYamlLimits(text: string): YamlLimitProblem | null {
  if (text.length > MAX_SCENARIO_YAML_BYTES) {
    return { line: 1, column: 1, message: `scenario.yaml is ${Math.round(text.length / 1024)} KiB; the limit is ${MAX_SCENARIO_YAML_BYTES / 1024} KiB.` };
  }
  let depth = 0;
  let line = 1;
  let lineStart = 0;
  let indent = 0;
  let inIndent = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      line++;
      lineStart = i + 1;
      indent = 0;
      inIndent = true;
      continue;
    }
    if (inIndent) {
      if (c === 32 || c === 9 || c === 45) {
        // Spaces, tabs and `- ` sequence markers all nest a block one level deeper.
        if (++indent > MAX_INDENT) return { line, column: i - lineStart + 1, message: `scenario.yaml indents more than ${MAX_INDENT} columns.` };
        continue;
      }
      inIndent = false;
    }
    if (c === 123 || c === 91) {
      if (++depth > MAX_FLOW_DEPTH) return { line, column: i - lineStart + 1, message: `scenario.yaml nests [ and { more than ${MAX_FLOW_DEPTH} deep.` };
    } else if ((c === 125 || c === 93) && depth > 0) depth--;
  }
  return null;
}
