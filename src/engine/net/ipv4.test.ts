import { describe, expect, it } from 'vitest';
import { formatIpv4, formatIpv4Net, inNet, maskToPrefix, parseIpv4, parseIpv4Net, parseProtocol } from './ipv4';

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
});
