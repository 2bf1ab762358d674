/**
 * Elements of sets and maps, named (`elements = { ... }`) or anonymous (`{ 80, 443 }`,
 * `{ 0 : goto endpoint-a, 1 : goto endpoint-b }`): a key, options (`timeout`, `expires`,
 * `comment`, `counter`), and for maps `: data`, which is a verdict in verdict maps.
 */
import { diagnostic } from '../../diagnostics';
import { Cursor } from './cursor';
import { parseValue, parseVerdict } from './expressions';
import { intAfter } from './primary';
import type { NftElement } from './types';
import { parseNftTime } from './values';
import { msg } from '../../explain/message';

/** Element options: `timeout 2h`, `expires 1h59m`, `comment "x"`, `counter packets N bytes M`. */
function elementOptions(c: Cursor, el: NftElement): void {
  for (;;) {
    const w = c.word();
    if ((w === 'timeout' || w === 'expires') && c.word(1) !== undefined) {
      const s = parseNftTime(c.word(1)!);
      if (s !== null) el[w === 'timeout' ? 'timeoutSeconds' : 'expiresSeconds'] = s;
      c.i += 2;
    } else if (w === 'comment' && c.peek(1)?.kind === 'string') {
      el.comment = c.peek(1)!.text;
      c.i += 2;
    } else if (w === 'counter') {
      c.i++;
      const packets = intAfter(c, 'packets');
      const bytes = intAfter(c, 'bytes');
      el.counter = { packets: packets ?? 0, bytes: bytes ?? 0 };
    } else return;
  }
}

/** One element: `KEY [options] [: DATA] [options]`; null (with `NFT007`) when unreadable. */
export function parseElement(c: Cursor): NftElement | null {
  const start = c.i;
  const key = parseValue(c);
  if (key === null) {
    const bad = c.peek();
    c.skipToSeparator();
    if (c.i === start) c.i++;
    c.diags.push(diagnostic('NFT007', c.spanFrom(start), msg('diag.NFT007.setElementUnderstoodSkipped', { text: bad?.text ?? '' }), 'warning'));
    return null;
  }
  const el: NftElement = { key, span: c.spanFrom(start) };
  elementOptions(c, el);
  if (c.isWord(':')) {
    c.i++;
    const verdict = parseVerdict(c);
    const data = verdict ? { kind: 'verdict' as const, verdict } : parseValue(c);
    if (data === null) {
      c.skipToSeparator();
      c.diags.push(diagnostic('NFT007', c.spanFrom(start), msg('diag.NFT007.mapElementWithoutReadable'), 'warning'));
      return null;
    }
    el.data = data;
    elementOptions(c, el);
  }
  el.span = c.spanFrom(start);
  return el;
}

/** The elements between `{` (at the cursor) and its `}`; stray text is reported and skipped. */
export function parseElements(c: Cursor): NftElement[] {
  const elements: NftElement[] = [];
  c.i++;
  while (!c.atEnd()) {
    if (c.isPunct('}')) {
      c.i++;
      return elements;
    }
    if (c.isPunct(',')) {
      c.i++;
      continue;
    }
    const el = parseElement(c);
    if (el) elements.push(el);
    if (!c.isPunct(',') && !c.isPunct('}') && !c.atEnd()) {
      const from = c.i;
      c.skipToSeparator();
      if (c.i === from) c.i++;
      c.diags.push(diagnostic('NFT007', c.spanFrom(from), msg('diag.NFT007.unexpectedTextSetElement'), 'warning'));
    }
  }
  c.diags.push(diagnostic('NFT002', c.spanFrom(Math.max(0, c.tokens.length - 1), c.tokens.length), msg('diag.NFT002.setClosed'), 'warning'));
  return elements;
}
