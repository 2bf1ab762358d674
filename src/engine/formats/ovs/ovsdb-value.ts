/**
 * OVSDB datum text as `ovs-vsctl` prints it (`ovsdb_datum_to_string`): atoms bare or JSON-quoted,
 * sets in `[...]`, maps in `{k=v, ...}`. One left-to-right pass; no regular expressions.
 */
import type { OvsdbValue } from './types';
import { msg, type Msg } from '../../explain/message';

/** A parse result, or the 0-based offset in `text` where it went wrong. */
export type OvsdbParse = { ok: true; value: OvsdbValue } | { ok: false; offset: number; message: Msg };

const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/** Reads a JSON string starting at `text[i] === '"'`; returns its value and the index after it. */
export function readQuoted(text: string, i: number): { value: string; end: number } | null {
  let out = '';
  let j = i + 1;
  while (j < text.length) {
    const c = text[j]!;
    if (c === '"') return { value: out, end: j + 1 };
    if (c === '\\') {
      const e = text[j + 1];
      if (e === 'u') {
        const hex = text.slice(j + 2, j + 6);
        const code = hex.length === 4 && /^[0-9a-fA-F]{4}$/.test(hex) ? parseInt(hex, 16) : -1;
        if (code < 0) return null;
        out += String.fromCharCode(code);
        j += 6;
        continue;
      }
      const mapped = e === undefined ? undefined : ESCAPES[e];
      if (mapped === undefined) return null;
      out += mapped;
      j += 2;
      continue;
    }
    out += c;
    j++;
  }
  return null;
}

class Reader {
  i = 0;
  constructor(readonly text: string) {}

  skipSpaces(): void {
    while (this.text[this.i] === ' ' || this.text[this.i] === '\t') this.i++;
  }

  /** An atom: quoted, or bare up to a delimiter of the enclosing set or map. */
  atom(stops: string): { value: string; quoted: boolean } | null {
    this.skipSpaces();
    if (this.text[this.i] === '"') {
      const q = readQuoted(this.text, this.i);
      if (q === null) return null;
      this.i = q.end;
      return { value: q.value, quoted: true };
    }
    const start = this.i;
    while (this.i < this.text.length && !stops.includes(this.text[this.i]!)) this.i++;
    const value = this.text.slice(start, this.i).trim();
    return value === '' ? null : { value, quoted: false };
  }

  /** `[a, b]` or `{k=v, ...}`: items separated by commas up to `close`. */
  items(close: string, map: boolean): OvsdbParse {
    this.i++;
    const values: string[] = [];
    // No prototype: a key named __proto__ stays a key.
    const entries = Object.create(null) as Record<string, string>;
    this.skipSpaces();
    if (this.text[this.i] === close) {
      this.i++;
      return { ok: true, value: map ? { kind: 'map', entries } : { kind: 'set', values } };
    }
    for (;;) {
      const key = this.atom(map ? `=,${close}` : `,${close}`);
      if (key === null) return { ok: false, offset: this.i, message: msg('diag.OVS003.expectedValue') };
      if (map) {
        this.skipSpaces();
        if (this.text[this.i] !== '=') return { ok: false, offset: this.i, message: msg('diag.OVS003.expectedEquals') };
        this.i++;
        const val = this.atom(`,${close}`);
        if (val === null) return { ok: false, offset: this.i, message: msg('diag.OVS003.expectedMapValue') };
        entries[key.value] = val.value;
      } else {
        values.push(key.value);
      }
      this.skipSpaces();
      const c = this.text[this.i];
      if (c === close) {
        this.i++;
        return { ok: true, value: map ? { kind: 'map', entries } : { kind: 'set', values } };
      }
      if (c !== ',') return { ok: false, offset: this.i, message: msg('diag.OVS003.expectedCommaOr', { close }) };
      this.i++;
    }
  }
}

/**
 * Parses one printed datum (the text after `key: `). A quoted atom must be the whole text.
 *
 * @example parseOvsdbValue('{csum="true", key=flow, remote_ip="192.168.58.100"}');
 * // { ok: true, value: { kind: 'map', entries: { csum: 'true', key: 'flow', remote_ip: '192.168.58.100' } } }
 */
export function parseOvsdbValue(text: string): OvsdbParse {
  const r = new Reader(text);
  r.skipSpaces();
  const c = text[r.i];
  let result: OvsdbParse;
  if (c === '{') result = r.items('}', true);
  else if (c === '[') result = r.items(']', false);
  else if (c === '"') {
    const q = readQuoted(text, r.i);
    if (q === null) return { ok: false, offset: r.i, message: msg('diag.OVS003.badQuotedString') };
    r.i = q.end;
    result = { ok: true, value: { kind: 'atom', value: q.value, quoted: true } };
  } else {
    const value = text.trim();
    return value === '' ? { ok: false, offset: r.i, message: msg('diag.OVS003.expectedValue') } : { ok: true, value: { kind: 'atom', value, quoted: false } };
  }
  if (!result.ok) return result;
  r.skipSpaces();
  return r.i < text.length ? { ok: false, offset: r.i, message: msg('diag.OVS003.textAfterValue') } : result;
}

/** The atom's text, or the printed form of a set or map. */
export function ovsdbText(v: OvsdbValue): string {
  if (v.kind === 'atom') return v.value;
  if (v.kind === 'set') return `[${v.values.join(', ')}]`;
  return `{${Object.entries(v.entries).map(([k, x]) => `${k}=${x}`).join(', ')}}`;
}
