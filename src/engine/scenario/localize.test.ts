import { describe, expect, it } from 'vitest';
import { localize, readLocalizedText } from './localize';

describe('localize', () => {
  it('returns a plain string in every language', () => {
    expect(localize('Pod to pod', 'ko')).toBe('Pod to pod');
    expect(localize('Pod to pod')).toBe('Pod to pod');
  });

  it('picks the language from a map', () => {
    const text = { en: 'Pod to pod', ko: '파드 간 통신', zh: 'Pod 到 Pod' };
    expect(localize(text, 'en')).toBe('Pod to pod');
    expect(localize(text, 'ko')).toBe('파드 간 통신');
    expect(localize(text, 'zh')).toBe('Pod 到 Pod');
  });

  it('falls back to English when a language is missing or empty', () => {
    expect(localize({ en: 'Hairpin', ko: '' }, 'ko')).toBe('Hairpin');
    expect(localize({ en: 'Hairpin', ko: '헤어핀' }, 'zh')).toBe('Hairpin');
  });
});

describe('readLocalizedText', () => {
  it('accepts a string or a map with en', () => {
    expect(readLocalizedText('x')).toEqual({ text: 'x' });
    expect(readLocalizedText({ en: 'x', zh: '某' })).toEqual({ text: { en: 'x', zh: '某' } });
  });

  it('explains what is wrong', () => {
    expect(readLocalizedText({ ko: '파드' })).toEqual({ error: 'needs an "en" text' });
    expect(readLocalizedText({ en: 'x', fr: 'y' })).toEqual({ error: 'has unknown language "fr" (use en, ko, zh)' });
    expect(readLocalizedText({ en: 'x', ko: 3 })).toEqual({ error: '"ko" must be a string' });
    expect(readLocalizedText(42)).toEqual({ error: 'must be a string or a map {en, ko, zh}' });
  });
});
