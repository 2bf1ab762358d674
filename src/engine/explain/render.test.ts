import { describe, expect, it } from 'vitest';
import { en } from './en';
import { msg } from './message';
import { renderMessage } from './render';

describe('renderMessage', () => {
  it('fills parameters and drops optional parts whose parameter is empty', () => {
    expect(renderMessage(msg('hop.route.forward', { dst: '10.244.1.5', dev: 'cni0', via: '' }))).toBe(
      'Routing decision: 10.244.1.5 is not local; the packet is forwarded out of cni0. TTL drops by one.',
    );
    expect(renderMessage(msg('hop.route.forward', { dst: '10.244.2.5', dev: 'flannel.1', via: '10.244.2.0' }))).toContain('out of flannel.1 via 10.244.2.0.');
  });

  it('falls back to English, then to the key itself', () => {
    expect(renderMessage(msg('hop.drop.rule'), 'ko')).toBe(en['hop.drop.rule']);
    expect(renderMessage(msg('no.such.key'))).toBe('no.such.key');
  });

  it('has well-formed templates: balanced braces only', () => {
    for (const [key, template] of Object.entries(en)) {
      expect(template.split('{').length, key).toBe(template.split('}').length);
    }
  });
});
