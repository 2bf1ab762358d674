import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatIpv4, formatIpv4Net, inNet, isIpv4Net, maskToPrefix, parseIpv4, parseIpv4Net, parseProtocol } from './ipv4';

describe('ipv4', () => {
  it('parses dotted quads and rejects everything else', () => {
    expect(formatIpv4(parseIpv4('10.244.1.2')!)).toBe('10.244.1.2');
    expect(parseIpv4('255.255.255.255')).toBe(0xffffffff);
    for (const bad of ['10.244.1', '10.244.1.256', '1.2.3.4.5', 'a.b.c.d', '', '1..2.3', '01234.1.1.1']) expect(parseIpv4(bad)).toBeNull();
  });

  it('parses prefixes and dotted masks, masking the address as iptables does', () => {
    const net = parseIpv4Net('10.244.1.7/24')!;
    expect(formatIpv4Net(net)).toBe('10.244.1.0/24');
    expect(inNet(parseIpv4('10.244.1.200')!, net)).toBe(true);
    expect(inNet(parseIpv4('10.244.2.1')!, net)).toBe(false);
    const holes = parseIpv4Net('10.0.0.0/255.0.255.0')!;
    expect(holes.prefix).toBeNull();
    expect(formatIpv4Net(holes)).toBe('10.0.0.0/255.0.255.0');
    expect(inNet(parseIpv4('10.9.0.9')!, holes)).toBe(true);
    expect(parseIpv4Net('10.0.0.1')!.prefix).toBe(32);
    expect(parseIpv4Net('0.0.0.0/0')!.mask).toBe(0);
    expect(parseIpv4Net('10.0.0.0/33')).toBeNull();
  });

  it('knows contiguous masks', () => {
    expect(maskToPrefix(0xffffff00)).toBe(24);
    expect(maskToPrefix(0)).toBe(0);
    expect(maskToPrefix(0xff00ff00)).toBeNull();
  });

  it('reads protocols by name and number', () => {
    expect(parseProtocol('tcp')).toBe(6);
    expect(parseProtocol('17')).toBe(17);
    expect(parseProtocol('all')).toBe(0);
    expect(parseProtocol('bogus')).toBeNull();
  });

  it('reads dotted quads exactly (four parts of 1-3 digits up to 255), and isIpv4Net agrees with parseIpv4Net', () => {
    for (const bad of ['1.2.3', '1.2.3.4.', '.1.2.3.4', '1..2.3', '1.2.3.256', '0001.2.3.4', '1.2.3.4 ', '1.2.3.+4', '']) expect(parseIpv4(bad)).toBeNull();
    expect(parseIpv4('010.0.0.255')).toBe(0x0a0000ff);
    const part = fc.oneof(fc.integer({ min: 0, max: 300 }).map(String), fc.constantFrom('', '0001', 'x', '1.'));
    const text = fc.tuple(fc.array(part, { minLength: 1, maxLength: 5 }), fc.constantFrom('', '/8', '/32', '/33', '/', '/255.0.0.0', '/1.2', '/x'));
    fc.assert(
      fc.property(text, ([parts, mask]) => {
        const t = parts.join('.') + mask;
        expect(isIpv4Net(t)).toBe(parseIpv4Net(t) !== null);
      }),
    );
  });
});
