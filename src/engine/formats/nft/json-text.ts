/**
 * Compact JSON text of a parsed value, cut at a length: how the JSON parser keeps an opaque
 * rule's text. Iterative and budgeted, so its cost is bounded by the cut, not by the value:
 * `JSON.stringify` costs the square of the nesting depth (V8 checks every level for cycles) and
 * throws past the stack limit, which hostile input reaches with a few kilobytes of brackets.
 */

type Frame = { items: [string | null, unknown][]; next: number; close: string };

function entries(v: object): [string | null, unknown][] {
  return Array.isArray(v) ? v.map((x) => [null, x]) : Object.entries(v);
}

/**
 * @example compactJson({ a: [1, 'x', null] }); // '{"a":[1,"x",null]}'
 * @example compactJson({ a: 'y'.repeat(50) }, 10); // '{"a":"yyy...'
 */
export function compactJson(value: unknown, max = 2000): string {
  let out = '';
  const stack: Frame[] = [];
  const scalar = (v: unknown): string => {
    if (typeof v === 'string') return JSON.stringify(v.length > max ? v.slice(0, max) : v);
    if (typeof v === 'number') return Number.isFinite(v) ? String(v) : 'null';
    if (typeof v === 'boolean') return String(v);
    return 'null';
  };
  const open = (v: unknown) => {
    if (typeof v === 'object' && v !== null) {
      const array = Array.isArray(v);
      out += array ? '[' : '{';
      stack.push({ items: entries(v), next: 0, close: array ? ']' : '}' });
    } else out += scalar(v);
  };
  open(value);
  while (stack.length > 0 && out.length <= max) {
    const top = stack[stack.length - 1]!;
    if (top.next >= top.items.length) {
      out += top.close;
      stack.pop();
      continue;
    }
    const [key, v] = top.items[top.next]!;
    if (top.next++ > 0) out += ',';
    if (key !== null) out += `${JSON.stringify(key)}:`;
    open(v);
  }
  return out.length > max ? `${out.slice(0, max - 3)}...` : out;
}
