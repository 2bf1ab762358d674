import { describe, expect, it } from 'vitest';
import { en } from './en';
import { ko } from './ko';
import { zh } from './zh';
import { msg } from './message';
import { renderMessage } from './render';

describe('renderMessage', () => {
  it('fills parameters and drops optional parts whose parameter is empty', () => {
    expect(renderMessage(msg('hop.route.forward', { dst: '10.244.1.5', dev: 'cni0', via: '' }))).toBe(
      'Routing decision: 10.244.1.5 is not local; the packet is forwarded out of cni0. TTL drops by one.',
    );
    expect(renderMessage(msg('hop.route.forward', { dst: '10.244.2.5', dev: 'flannel.1', via: '10.244.2.0' }))).toContain('out of flannel.1 via 10.244.2.0.');
  });

  it('renders Korean and Chinese, translating word parameters', () => {
    const m = msg('why.addr', { side: 'source', addr: '10.244.1.2', want: '10.0.0.0/8' });
    expect(renderMessage(m, 'ko')).toBe('출발지 10.244.1.2이(가) 10.0.0.0/8에 속하지 않음');
    expect(renderMessage(m, 'zh')).toBe('源地址 10.244.1.2 不在 10.0.0.0/8 中');
    expect(renderMessage(m, 'en')).toBe('the source 10.244.1.2 is not in 10.0.0.0/8');
  });

  it('falls back to the key itself for an unknown key', () => {
    expect(renderMessage(msg('no.such.key'), 'ko')).toBe('no.such.key');
  });

  it('has every key in every language, with the same parameters', () => {
    const params = (t: string) => [...t.matchAll(/\{(\w+)/g)].map((m) => m[1]).sort();
    for (const lang of ['ko', 'zh'] as const) {
      const catalog = lang === 'ko' ? ko : zh;
      expect(Object.keys(catalog).sort(), lang).toEqual(Object.keys(en).sort());
      for (const key of Object.keys(en)) expect(params(catalog[key]!), `${lang} ${key}`).toEqual(params(en[key]!));
    }
  });

  it('has well-formed templates: balanced braces only', () => {
    for (const [key, template] of [...Object.entries(en), ...Object.entries(ko), ...Object.entries(zh)]) {
      expect(template.split('{').length, key).toBe(template.split('}').length);
    }
  });
});
