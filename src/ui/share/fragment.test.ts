import { describe, expect, it } from 'vitest';
import { iframeSnippet, readShareFragment, shareUrl } from './fragment';

describe('share links', () => {
  it('puts the scenario, the hop (1-based) and the language in the query', () => {
    const url = shareUrl({ base: 'https://example.org/hs/', target: { mode: 'scenario', scenario: 'pod-to-clusterip' }, step: 4, lang: 'ko', embed: true });
    expect(url).toBe('https://example.org/hs/?scenario=pod-to-clusterip&step=5&lang=ko&embed=1');
  });

  it('keeps a workspace in the fragment only', () => {
    const url = new URL(shareUrl({ base: 'https://example.org/', target: { mode: 'workspace', encoded: 'abc-_1' }, step: 0, lang: 'en' }));
    expect(url.search).toBe('?workspace=1&step=1&lang=en');
    expect(url.hash).toBe('#ws=abc-_1');
    expect(readShareFragment(url.hash)).toBe('abc-_1');
    expect(readShareFragment('')).toBeNull();
    expect(readShareFragment('#other=1')).toBeNull();
  });

  it('escapes the iframe snippet’s attributes', () => {
    const html = iframeSnippet('https://example.org/?scenario=a&step=1', 'A "quoted" <title>');
    expect(html).toContain('src="https://example.org/?scenario=a&amp;step=1"');
    expect(html).toContain('title="A &quot;quoted&quot; &lt;title&gt;"');
    // Seven attributes, two quotes each: none came from the title.
    expect(html.match(/"/g)).toHaveLength(14);
  });
});
