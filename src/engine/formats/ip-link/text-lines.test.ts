import { describe, expect, it } from 'vitest';
import { isPromptOrNoise, looksLikeIpv6, parseUint32, promptCommand, splitOneline, tokenLines, tokenizeLine } from './text-lines';

const texts = (line: string) => tokenizeLine(line).map((t) => t.text);

describe('tokenizeLine', () => {
  it('keeps 1-based columns of the raw line', () => {
    expect(tokenizeLine('  inet 10.0.0.1/24')).toEqual([
      { text: 'inet', column: 3, endColumn: 7 },
      { text: '10.0.0.1/24', column: 8, endColumn: 19 },
    ]);
  });

  it('treats tabs, CR, NBSP and BOM as spaces', () => {
    expect(texts('\uFEFF0:\tfrom all\u00a0lookup local\r')).toEqual(['0:', 'from', 'all', 'lookup', 'local']);
  });

  it('drops ip -c colour codes without splitting the word around them', () => {
    const line = '2: \x1b[36meth0\x1b[0m: <UP> mtu 1500 state \x1b[32mUP\x1b[0m';
    const tokens = tokenizeLine(line);
    expect(tokens.map((t) => t.text)).toEqual(['2:', 'eth0:', '<UP>', 'mtu', '1500', 'state', 'UP']);
    expect(line.slice(tokens[1]!.column - 1, tokens[1]!.endColumn - 1)).toContain('eth0');
  });

  it('survives a lone escape at the end of a line, keeping the span inside it', () => {
    expect(tokenizeLine('abc\x1b')).toEqual([{ text: 'abc', column: 1, endColumn: 4 }]);
    expect(tokenizeLine('abc\x1b[0m')).toEqual([{ text: 'abc', column: 1, endColumn: 4 }]);
    expect(texts('\x1b[31')).toEqual([]);
  });
});

describe('splitOneline', () => {
  it('splits ip -o output at backslashes', () => {
    const parts = splitOneline(tokenizeLine('2: eth0    inet 10.0.2.15/24 scope global eth0\\       valid_lft forever'));
    expect(parts.map((p) => p.map((t) => t.text))).toEqual([
      ['2:', 'eth0', 'inet', '10.0.2.15/24', 'scope', 'global', 'eth0'],
      ['valid_lft', 'forever'],
    ]);
  });

  it('gives every logical line its source line number', () => {
    expect(tokenLines('a\\ b\r\n\r\n  c').map((l) => [l.line, l.tokens[0]!.text])).toEqual([[1, 'a'], [1, 'b'], [3, 'c']]);
  });
});

describe('isPromptOrNoise', () => {
  it.each([
    '$ ip netns exec client ip link',
    'root@node-1:~# ip addr',
    '[root@worker1 ~]# netstat -nr',
    '(⎈|kind-myk8s:N/A) root@MyServer:~# docker exec -it myk8s-worker ip -d -c addr show kube-ipvs0',
    '# comment',
    '```shell',
    'bash-5.1# ip r',
  ])('skips %s', (line) => expect(isPromptOrNoise(tokenizeLine(line))).toBe(true));

  it.each([
    '2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc fq_codel state UP group default qlen 1000',
    '    inet 10.0.0.11/24 brd 10.0.0.255 scope global eth0',
    'default via 10.0.0.1 dev eth0 proto dhcp src 10.0.0.11 metric 100 ',
    'Destination     Gateway         Genmask         Flags Metric Ref    Use Iface',
  ])('keeps %s', (line) => expect(isPromptOrNoise(tokenizeLine(line))).toBe(false));

  it('extracts the command after the prompt', () => {
    expect(promptCommand(tokenizeLine('[root@worker1 ~]# ip route show table all'))).toEqual(['ip', 'route', 'show', 'table', 'all']);
  });
});

describe('parseUint32', () => {
  it('reads hex and decimal, rejects junk and overflow', () => {
    expect(parseUint32('0xf00')).toBe(0xf00);
    expect(parseUint32('0xFFFFFFFF')).toBe(0xffffffff);
    expect(parseUint32('51820')).toBe(51820);
    expect(parseUint32('0x')).toBeNull();
    expect(parseUint32('0x1ffffffff')).toBeNull();
    expect(parseUint32('4294967296')).toBeNull();
    expect(parseUint32('12a')).toBeNull();
  });
});

describe('looksLikeIpv6', () => {
  it.each(['::1', 'fe80::5054:ff:fe8a:3c11', '2001:db8:0:0:0:0:0:1', '::ffff:10.0.0.1', 'fc00:f853:ccd:e793::3', '::'])('accepts %s', (t) => {
    expect(looksLikeIpv6(t)).toBe(true);
  });
  it.each(['a2:7f:3c:11:4e:01', '10.0.0.1', 'fe80::zz', '1:2:3', 'eth0:1', ''])('rejects %s', (t) => {
    expect(looksLikeIpv6(t)).toBe(false);
  });
});
