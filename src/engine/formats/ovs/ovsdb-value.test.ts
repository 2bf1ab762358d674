import { describe, expect, it } from 'vitest';
import { ovsdbText, parseOvsdbValue } from './ovsdb-value';

describe('parseOvsdbValue', () => {
  it('reads atoms, sets and maps as ovs-vsctl prints them', () => {
    expect(parseOvsdbValue('secure')).toEqual({ ok: true, value: { kind: 'atom', value: 'secure', quoted: false } });
    expect(parseOvsdbValue('"2.15.4"')).toEqual({ ok: true, value: { kind: 'atom', value: '2.15.4', quoted: true } });
    expect(parseOvsdbValue('[10, 20]')).toEqual({ ok: true, value: { kind: 'set', values: ['10', '20'] } });
    expect(parseOvsdbValue('[]')).toEqual({ ok: true, value: { kind: 'set', values: [] } });
    expect(parseOvsdbValue('{}')).toEqual({ ok: true, value: { kind: 'map', entries: {} } });
    expect(parseOvsdbValue('{csum="true", key=flow, remote_ip="50.50.51.22"}')).toEqual({
      ok: true, value: { kind: 'map', entries: { csum: 'true', key: 'flow', remote_ip: '50.50.51.22' } },
    });
  });

  it('unescapes JSON strings, including commas and braces inside quotes', () => {
    expect(parseOvsdbValue('"could not open \\"eth9\\" (No such device)"')).toMatchObject({ value: { value: 'could not open "eth9" (No such device)' } });
    expect(parseOvsdbValue('{a="x, y}", b="\\u00e9"}')).toMatchObject({ value: { entries: { a: 'x, y}', b: 'é' } } });
  });

  it('reports where malformed values go wrong', () => {
    expect(parseOvsdbValue('{a=1')).toMatchObject({ ok: false, offset: 4 });
    expect(parseOvsdbValue('{a}')).toMatchObject({ ok: false, offset: 2 });
    expect(parseOvsdbValue('"abc')).toMatchObject({ ok: false, offset: 0 });
    expect(parseOvsdbValue('[1, 2] x')).toMatchObject({ ok: false, offset: 7 });
    expect(parseOvsdbValue('')).toMatchObject({ ok: false });
  });

  it('keeps __proto__ as an ordinary key', () => {
    const r = parseOvsdbValue('{__proto__=x}');
    expect(r.ok && r.value.kind === 'map' && r.value.entries.__proto__).toBe('x');
    expect(Object.prototype).not.toHaveProperty('x');
  });

  it('prints values back', () => {
    for (const t of ['[10, 20]', '{a=1, b=2}', 'flow']) {
      const r = parseOvsdbValue(t);
      expect(r.ok && ovsdbText(r.value)).toBe(t);
    }
  });
});
