/**
 * The value shapes ipvsadm prints: `ADDR:PORT` (`addrport_to_anyname`: IPv6 in brackets),
 * counters with `K`/`M`/`G`/`T` suffixes (`print_largenum`), and the forwarding column (`fwd_name`).
 */
import { parseIpv4 } from '../../net/ipv4';
import { looksLikeIpv6, parseUint } from '../ip-link/text-lines';
import type { IpvsCounters, IpvsForwardMethod } from './types';

export interface AddrPort {
  ip: string;
  family: 'ipv4' | 'ipv6';
  port: number;
}

/**
 * `10.96.0.1:443` or `[fd00::a]:53`; null for names (`kubernetes:https`, printed without `-n`) and
 * anything else. A bare address without a port (`-r 10.0.0.5` in a hand-written save file) gets
 * `defaultPort`, as ipvsadm gives a real server the service's port.
 *
 * @example parseAddrPort('[fd00::a]:53'); // { ip: 'fd00::a', family: 'ipv6', port: 53 }
 */
export function parseAddrPort(text: string, defaultPort: number | null = null): AddrPort | null {
  if (text.startsWith('[')) {
    const close = text.indexOf(']');
    if (close < 0) return null;
    const ip = text.slice(1, close);
    if (!looksLikeIpv6(ip)) return null;
    const rest = text.slice(close + 1);
    if (rest === '' && defaultPort !== null) return { ip, family: 'ipv6', port: defaultPort };
    const port = rest.startsWith(':') ? parseUint(rest.slice(1)) : null;
    return port !== null && port <= 65535 ? { ip, family: 'ipv6', port } : null;
  }
  const colon = text.lastIndexOf(':');
  const ipText = colon < 0 ? text : text.slice(0, colon);
  if (parseIpv4(ipText) === null) return null;
  if (colon < 0) return defaultPort === null ? null : { ip: ipText, family: 'ipv4', port: defaultPort };
  const port = parseUint(text.slice(colon + 1));
  return port !== null && port <= 65535 ? { ip: ipText, family: 'ipv4', port } : null;
}

const SUFFIX: Record<string, number> = { K: 1e3, M: 1e6, G: 1e9, T: 1e12 };

/**
 * One `print_largenum` column: `12345`, `123456K`, `1234M`. Returns the value (multiplied back)
 * and whether a suffix made it approximate; null when the text is not such a number.
 *
 * @example parseLargeNum('152384K'); // { value: 152384000, approximate: true }
 */
export function parseLargeNum(text: string): { value: number; approximate: boolean } | null {
  const last = text.charAt(text.length - 1);
  const factor = SUFFIX[last];
  const digits = factor === undefined ? text : text.slice(0, -1);
  if (digits.length === 0 || digits.length > 15) return null;
  let v = 0;
  for (let i = 0; i < digits.length; i++) {
    const d = digits.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return null;
    v = v * 10 + d;
  }
  return factor === undefined ? { value: v, approximate: false } : { value: v * factor, approximate: true };
}

/** Five `print_largenum` columns, or null when any of them is not a number. */
export function parseCounters(texts: string[]): IpvsCounters | null {
  if (texts.length !== 5) return null;
  const values: number[] = [];
  let approximate = false;
  for (const t of texts) {
    const n = parseLargeNum(t);
    if (n === null) return null;
    values.push(n.value);
    approximate ||= n.approximate;
  }
  return { values: values as IpvsCounters['values'], approximate };
}

const METHODS: Record<string, IpvsForwardMethod> = {
  Masq: 'masq', Route: 'route', Tunnel: 'tunnel', Local: 'local', FullNat: 'fullnat', FNAT: 'fullnat',
};

/** `Masq` → `masq`, ...; null for anything else (ipvsadm prints `(null)` for the bypass flag). */
export function forwardMethod(text: string): IpvsForwardMethod | null {
  return METHODS[text] ?? null;
}

/** Protocol words of the list format (`TCP`, `UDP`, `SCTP`). */
export function listProtocol(text: string): 'tcp' | 'udp' | 'sctp' | null {
  return text === 'TCP' ? 'tcp' : text === 'UDP' ? 'udp' : text === 'SCTP' ? 'sctp' : null;
}
