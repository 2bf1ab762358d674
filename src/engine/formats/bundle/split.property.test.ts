import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hostileText, mutatedFixture, spansOutside } from '../ip-link/fuzz-text';
import { splitBundle } from './split';

const dir = new URL('./fixtures/', import.meta.url);
const fixtures = readdirSync(dir).map((f) => readFileSync(new URL(f, dir), 'utf8'));
const WORDS = ['### hopscope-section: ip addr', '### hopscope-node: n', '### hopscope-netns:', '### hopscope-end', '### hopscope-stderr: x',
  '### hopscope-exit: 3', '### hopscope-skipped: nft', '###hopscope-x', 'root@n1:~#', '$', '#', 'ip', 'route', 'netns', 'exec', 'kubectl',
  'exec', '--', 'nsenter', '-t', 'iptables-save', '\r', '\uFEFF', 'x'];
const bundles = fc.array(fc.array(fc.constantFrom(...WORDS), { maxLength: 6 }).map((w) => w.join(' ')), { maxLength: 20 }).map((l) => l.join('\n'));

function check(text: string): void {
  const { value, diagnostics } = splitBundle(text, 'fuzz');
  expect(spansOutside(text, diagnostics)).toEqual([]);
  const lines = text.split('\n');
  let last = 0;
  for (const s of value) {
    expect(s.startLine).toBeGreaterThan(last);
    last = s.startLine;
    expect(s.lineOffset === s.startLine || s.lineOffset === s.startLine - 1).toBe(true);
    // Every line of a section is the bundle's line at lineOffset.
    const own = s.text.split('\n');
    if (own[own.length - 1] === '') own.pop();
    own.forEach((l, i) => expect(lines[i + s.lineOffset]).toBe(l));
  }
}

describe('splitBundle properties', () => {
  it('never throws, keeps spans inside the text and section lines at their offsets, on arbitrary strings', () => {
    fc.assert(fc.property(fc.oneof(hostileText, bundles), check), { numRuns: 300 });
  });

  it('never throws, keeps spans inside the text and section lines at their offsets, on mutated fixtures', () => {
    fc.assert(fc.property(mutatedFixture(fixtures), check), { numRuns: 300 });
  });

  it('is linear: a 200k-line bundle and hostile floods split quickly', () => {
    const section = `### hopscope-section: conntrack -L\n${'tcp      6 86399 ESTABLISHED src=10.244.1.5 dst=10.96.0.1 sport=1 dport=443 src=172.18.0.2 dst=10.244.1.5 sport=6443 dport=1 [ASSURED] mark=0 use=1\n'.repeat(10_000)}`;
    const big = `### hopscope-node: n1\n${section.repeat(20)}`;
    const start = performance.now();
    expect(splitBundle(big, 'big').value).toHaveLength(20);
    for (const text of ['#'.repeat(1_000_000), '$ '.repeat(500_000), 'root@n:~# ip a\n'.repeat(100_000), '### hopscope-'.repeat(100_000), '\n'.repeat(1_000_000)]) {
      expect(() => splitBundle(text, 'f')).not.toThrow();
    }
    expect(performance.now() - start).toBeLessThan(6000);
  });
});
