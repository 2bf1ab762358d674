import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DIAGNOSTIC_CODES } from '../diagnostic-codes';
import { diagnostic } from '../diagnostics';
import { diagnosticsEn } from './diagnostics-en';
import { diagnosticsKo } from './diagnostics-ko';
import { diagnosticsZh } from './diagnostics-zh';
import { msg } from './message';
import { renderMessage } from './render';

const ENGINE = join(__dirname, '..');
const params = (t: string) => [...t.matchAll(/\{(\w+)/g)].map((m) => m[1]).sort();

/** Every `'diag.…'` key the engine's source names: what the parsers can produce. */
function keysInSource(): Set<string> {
  const keys = new Set<string>();
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, e.name);
      if (e.isDirectory()) walk(path);
      else if (e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') && !e.name.startsWith('diagnostics-')) {
        for (const m of readFileSync(path, 'utf8').matchAll(/'(diag\.[\w.]+)'/g)) keys.add(m[1]!);
      }
    }
  };
  walk(ENGINE);
  return keys;
}

describe('diagnostic catalogs', () => {
  it('have every key in ko and zh, with the same parameters as en', () => {
    for (const [lang, catalog] of [['ko', diagnosticsKo], ['zh', diagnosticsZh]] as const) {
      expect(Object.keys(catalog).sort(), lang).toEqual(Object.keys(diagnosticsEn).sort());
      for (const key of Object.keys(diagnosticsEn)) expect(params(catalog[key]!), `${lang} ${key}`).toEqual(params(diagnosticsEn[key]!));
    }
  });

  it('translate every code and every specific message the parsers emit', () => {
    const keys = [...keysInSource(), ...Object.keys(DIAGNOSTIC_CODES).map((code) => `diag.${code}`)];
    expect(keys.length).toBeGreaterThan(300);
    for (const key of keys) {
      expect(diagnosticsEn[key], key).toBeDefined();
      expect(diagnosticsKo[key], `ko ${key}`).toBeDefined();
      expect(diagnosticsZh[key], `zh ${key}`).toBeDefined();
    }
  });

  it('really translate: a ko or zh text equal to the English one is only allowed when it is all parameters', () => {
    for (const key of Object.keys(diagnosticsEn)) {
      const en = diagnosticsEn[key]!;
      if (en.replace(/\{\w+\}/g, '').trim() === '') continue;
      expect(diagnosticsKo[key], key).not.toBe(en);
      expect(diagnosticsZh[key], key).not.toBe(en);
    }
  });

  it('have balanced braces', () => {
    for (const [key, t] of [...Object.entries(diagnosticsEn), ...Object.entries(diagnosticsKo), ...Object.entries(diagnosticsZh)]) {
      expect(t.split('{').length, key).toBe(t.split('}').length);
    }
  });

  it('keep the English message for the CLI and render the same diagnostic in Korean and Chinese', () => {
    const d = diagnostic('IPT004', { file: 'f', line: 3, column: 1 }, msg('diag.IPT004.noValidPolicyAccept', { name: 'INPUT' }), 'warning');
    expect(d.message).toBe('Chain INPUT has no valid policy; ACCEPT is assumed.');
    expect(renderMessage(d.text, 'ko')).toBe('체인 INPUT에 올바른 정책이 없어 ACCEPT로 가정합니다.');
    expect(renderMessage(d.text, 'zh')).toBe('链 INPUT 没有有效的策略；按 ACCEPT 处理。');
  });

  it('render a reason inside a sentence in the same language', () => {
    const why = msg('diag.IPT002.why.natTarget', { target: 'DNAT' });
    const m = msg('diag.IPT002.iptablesLDoesPrint', { name: 'nat', why });
    expect(renderMessage(m)).toBe('iptables -L does not print the table; read as nat because target DNAT exists only in the nat table.');
    expect(renderMessage(m, 'zh')).toContain('目标 DNAT 只存在于 nat 表中');
  });
});
