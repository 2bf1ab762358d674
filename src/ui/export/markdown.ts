/**
 * Markdown that stays Markdown whatever the dumps contain: every ASCII punctuation character
 * Markdown could read as syntax is backslash-escaped, `&` becomes an entity, and line breaks
 * become spaces so a table row stays one row.
 */
const PUNCTUATION = /[\\`*_{}[\]()<>#+\-.!|~"'$%,:;=?@^/]/g;

export function escapeMarkdown(text: string): string {
  return text
    .replace(/\r\n?|\n/g, ' ')
    .replace(PUNCTUATION, (c) => `\\${c}`)
    // After the escapes, so the entity's own `;` stays as it is.
    .replace(/&/g, '&amp;');
}
