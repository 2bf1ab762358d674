import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectLinear } from '../../testing/linearity';
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

  it('is linear: a bundle of n sections of conntrack lines splits in time proportional to n', () => {
    const section = `### hopscope-section: conntrack -L\n${'tcp      6 86399 ESTABLISHED src=10.244.1.5 dst=10.96.0.1 sport=1 dport=443 src=172.18.0.2 dst=10.244.1.5 sport=6443 dport=1 [ASSURED] mark=0 use=1\n'.repeat(20)}`;
    expectLinear('bundle', (n) => `### hopscope-node: n1\n${section.repeat(n)}`, (t) => splitBundle(t, 'big'), { n: 150, check: (r, n) => expect(r.value).toHaveLength(n) });
  });

  const HOSTILE: [string, (n: number) => string, number][] = [
    ['hash flood', (n) => '#'.repeat(n), 50_000],
    ['dollar prompts', (n) => '$ '.repeat(n), 10_000],
    ['prompt lines', (n) => 'root@n:~# ip a\n'.repeat(n), 250],
    // Small enough that both sizes stay in the CPU caches: at 1.3 MB → 10 MB the ratio measured
    // the memory hierarchy (29× once, on a loaded machine), not the splitter.
    ['directive prefixes', (n) => '### hopscope-'.repeat(n), 20_000],
    ['newline flood', (n) => '\n'.repeat(n), 4000],
  ];
  it.each(HOSTILE)('stays linear on hostile floods: %s', (label, make, n) => {
    expectLinear(label, make, (t) => splitBundle(t, 'f'), { n });
  });
});
