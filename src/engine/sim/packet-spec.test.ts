import { describe, expect, it } from 'vitest';
import { formatPacketSpec, parsePacketSpec } from './packet-spec';

describe('parsePacketSpec', () => {
  it('reads a full spec', () => {
    const r = parsePacketSpec('tcp 10.244.1.2:40000 > 10.96.0.10:80');
    expect(r.diagnostics).toEqual([]);
    expect(r.value).toEqual({ proto: 'tcp', src: '10.244.1.2', sport: 40000, dst: '10.96.0.10', dport: 80 });
    expect(formatPacketSpec(r.value!)).toBe('tcp 10.244.1.2:40000 > 10.96.0.10:80');
  });

  it('lets the source be chosen by routing and defaults the source port', () => {
    expect(parsePacketSpec('udp > 10.96.0.10:53').value).toEqual({ proto: 'udp', dst: '10.96.0.10', dport: 53, sport: 40000 });
    expect(parsePacketSpec('icmp 10.0.0.1 > 10.0.0.2').value).toEqual({ proto: 'icmp', src: '10.0.0.1', dst: '10.0.0.2' });
  });

  it('says exactly what is wrong, with a column', () => {
    const cases: [string, RegExp, number][] = [
      ['tcp > 10.96.0.10', /needs a destination port/, 7],
      ['tcp 10.244.1.2:99999 > 10.96.0.10:80', /not a port number/, 16],
      ['tcp 10.244.1 > 10.96.0.10:80', /not an IPv4 address/, 5],
      ['icmp > 10.0.0.1:80', /ICMP has no ports/, 17],
      ['sctp > 1.2.3.4:5', /Expected "PROTO/, 1],
    ];
    for (const [text, message, column] of cases) {
      const r = parsePacketSpec(text);
      expect(r.value, text).toBeNull();
      expect(r.diagnostics[0]!.message).toMatch(message);
      expect(r.diagnostics[0]!.column, text).toBe(column);
      expect(r.diagnostics[0]!.code).toBe('SIM001');
    }
  });
});
