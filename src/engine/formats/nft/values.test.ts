import { describe, expect, it } from 'vitest';
import { lexNft } from './lexer';
import { resolvePriority, standardPriority } from './priority';
import { parseNftInt, parseNftTime, valueOfWord } from './values';

describe('resolvePriority', () => {
  it('resolves numbers, standard names and offsets per family, as nft does', () => {
    expect(resolvePriority('ip', ['dstnat', '-', '10'])).toEqual({ value: -110, text: 'dstnat - 10' });
    expect(resolvePriority('inet', ['dstnat', '+', '10'])).toEqual({ value: -90, text: 'dstnat + 10' });
    expect(resolvePriority('ip6', ['srcnat'])).toEqual({ value: 100, text: 'srcnat' });
    expect(resolvePriority('inet', ['-110'])).toEqual({ value: -110, text: '-110' });
    expect(['raw', 'mangle', 'dstnat', 'filter', 'security', 'srcnat'].map((n) => standardPriority('ip', n))).toEqual([-300, -150, -100, 0, 50, 100]);
    expect(['dstnat', 'filter', 'out', 'srcnat'].map((n) => standardPriority('bridge', n))).toEqual([-300, -200, 100, 300]);
  });

  it('gives null for unknown names and malformed expressions, keeping the text', () => {
    expect(resolvePriority('ip', ['out'])).toEqual({ value: null, text: 'out' });
    expect(resolvePriority('ip', ['filter', '*', '2'])).toEqual({ value: null, text: 'filter * 2' });
    expect(resolvePriority('ip', ['toString'])).toEqual({ value: null, text: 'toString' });
    expect(resolvePriority('ip', [])).toEqual({ value: null, text: '' });
  });
});

describe('nft values', () => {
  it('parses integers and time values', () => {
    expect([parseNftInt('443'), parseNftInt('0x00004000'), parseNftInt('-1'), parseNftInt('0x')]).toEqual([443, 16384, null, null]);
    expect([parseNftTime('3h'), parseNftTime('1h59m59s992ms'), parseNftTime('1d2h'), parseNftTime('10800'), parseNftTime('5x'), parseNftTime('')]).toEqual([10800, 7199.992, 93600, 10800, null, null]);
  });

  it('tells prefixes and ranges from names with dashes', () => {
    expect(valueOfWord('10.0.0.0/8')).toEqual({ kind: 'prefix', addr: '10.0.0.0', length: 8 });
    expect(valueOfWord('fd00:10:244::/56')).toEqual({ kind: 'prefix', addr: 'fd00:10:244::', length: 56 });
    expect(valueOfWord('8000-8999')).toMatchObject({ kind: 'range', low: { number: 8000 }, high: { number: 8999 } });
    expect(valueOfWord('203.0.113.10-203.0.113.20')).toMatchObject({ kind: 'range', low: { text: '203.0.113.10' } });
    for (const w of ['port-unreachable', 'ipv6-icmp', 'endpoint-A', 'service-2QRHZV4L-default/kubernetes/tcp/https', '-110']) {
      expect(valueOfWord(w).kind, w).toBe('literal');
    }
  });
});

describe('lexNft', () => {
  it('keeps names with / . : - whole, splits punctuation, and records columns and glue', () => {
    const toks = lexNft('\tip daddr @svc-ips # handle 4\n\tct state established,related "a \\"b\\"" != x', 'f', []);
    expect(toks.map((t) => `${t.kind}:${t.text}@${t.line}:${t.column}${t.glued ? '+' : ''}`)).toEqual([
      'word:ip@1:2', 'word:daddr@1:5', 'punct:@@1:11', 'word:svc-ips@1:12+', 'comment:# handle 4@1:20', 'newline:\n@1:30+',
      'word:ct@2:2', 'word:state@2:5', 'word:established@2:11', 'punct:,@2:22+', 'word:related@2:23+', 'string:a "b"@2:31', 'punct:!=@2:41', 'word:x@2:44',
    ]);
  });

  it('ends an unterminated string at the end of its line with NFT011', () => {
    const diags: { code: string; line: number; column: number }[] = [];
    const toks = lexNft('comment "open\nnext', 'f', diags as never[]);
    expect(toks.map((t) => t.text)).toEqual(['comment', 'open', '\n', 'next']);
    expect(diags.map((d) => `${d.code} ${d.line}:${d.column}`)).toEqual(['NFT011 1:9']);
  });
});
