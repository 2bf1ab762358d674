import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectLinear } from '../../testing/linearity';
import { splitWords, tokenizeLine } from './tokenize';

const texts = (line: string) => tokenizeLine(line, 'f', 1).tokens.map((t) => t.text);

describe('tokenizeLine', () => {
  it('splits on runs of spaces and tabs and records 1-based columns', () => {
    const { tokens, diagnostics } = tokenizeLine('-A  KUBE-NODEPORTS\t-m nfacct --nfacct-name  pkts ', 'f', 3);
    expect(diagnostics).toEqual([]);
    expect(tokens.map((t) => [t.text, t.column, t.endColumn])).toEqual([
      ['-A', 1, 3],
      ['KUBE-NODEPORTS', 5, 19],
      ['-m', 20, 22],
      ['nfacct', 23, 29],
      ['--nfacct-name', 30, 43],
      ['pkts', 45, 49],
    ]);
  });

  it('groups double-quoted text and marks it quoted; the span covers the quotes', () => {
    const { tokens } = tokenizeLine('--comment "default/web:http -> 10.244.1.5:8080" -j X', 'f', 1);
    expect(tokens[1]).toEqual({ text: 'default/web:http -> 10.244.1.5:8080', column: 11, endColumn: 48, quoted: true });
    expect(tokens[2]?.quoted).toBe(false);
  });

  it('resolves \\" \\\\ and \\\' inside quotes only (xtables_save_string escapes)', () => {
    expect(texts('"a \\"b\\" c\\\\d \\\'e"')).toEqual(['a "b" c\\d \'e']);
    expect(texts('a\\"b"')).toEqual(['a\\b']); // outside quotes a backslash is a plain character
  });

  it('keeps an empty quoted value as a token', () => {
    const { tokens } = tokenizeLine('--comment "" -j ACCEPT', 'f', 1);
    expect(tokens[1]).toMatchObject({ text: '', quoted: true, column: 11, endColumn: 13 });
  });

  it('joins quoted parts inside one word, as iptables-restore does', () => {
    expect(texts('pre"fix x"post next')).toEqual(['prefix xpost', 'next']);
  });

  it('treats single quotes as ordinary characters', () => {
    expect(texts("--comment 'a b'")).toEqual(['--comment', "'a", "b'"]);
  });

  it('reports an unterminated quote (IPT008) at the quote and keeps the rest as one token', () => {
    const line = '-A X -m comment --comment "no end -j ACCEPT  ';
    const { tokens, diagnostics } = tokenizeLine(line, 'dump.txt', 7);
    expect(tokens.at(-1)).toMatchObject({ text: 'no end -j ACCEPT  ', column: 27, quoted: true });
    expect(diagnostics).toEqual([
      expect.objectContaining({ code: 'IPT008', file: 'dump.txt', line: 7, column: 27, endColumn: line.length + 1, severity: 'error' }),
    ]);
  });

  it('counts columns in UTF-16 units, so non-ASCII comments keep later columns right', () => {
    const { tokens } = tokenizeLine('--comment "패킷 🚀" -j DROP', 'f', 1);
    expect(tokens[2]).toMatchObject({ text: '-j', column: 19 }); // 🚀 is two UTF-16 units
  });

  it('starts at a given index', () => {
    expect(tokenizeLine('[1:2] -A X', 'f', 1, 6).tokens.map((t) => [t.text, t.column])).toEqual([['-A', 7], ['X', 10]]);
  });

  it('is linear on hostile input (quotes and backslashes, then many words)', () => {
    expectLinear('quotes and backslashes', (n) => '"\\'.repeat(n) + ' x'.repeat(n), (line) => tokenizeLine(line, 'f', 1), { n: 5000 });
  });

  it('never throws and yields ordered, in-bounds tokens (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (line) => {
        const { tokens, diagnostics } = tokenizeLine(line, 'f', 1);
        let last = 0;
        for (const t of tokens) {
          if (t.column <= last || t.endColumn <= t.column || t.endColumn > line.length + 1) return false;
          last = t.endColumn - 1;
        }
        return diagnostics.every((d) => d.column >= 1 && d.column <= line.length + 1);
      }),
      { numRuns: 150 },
    );
  });

  it('agrees with a plain whitespace split when there are no quotes (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', '-', '!', '\\', ' ', '\t', ':', '/', 'é'), { maxLength: 60 }), (chars) => {
        const line = chars.join('');
        return JSON.stringify(texts(line)) === JSON.stringify(line.split(/[ \t]+/).filter((w) => w !== ''));
      }),
      { numRuns: 300 },
    );
  });
});

describe('splitWords', () => {
  it('splits an iptables -L row without giving quotes a meaning', () => {
    expect(splitWords('  ACCEPT  all "x y"', 2).map((w) => [w.text, w.column])).toEqual([['ACCEPT', 3], ['all', 11], ['"x', 15], ['y"', 18]]);
  });
});
