/**
 * net-tools `route -n` and `netstat -nr`, which print /proc/net/route (main table, IPv4 only):
 * ```
 * Kernel IP routing table
 * Destination     Gateway         Genmask         Flags Metric Ref    Use Iface    (route -n)
 * Destination     Gateway         Genmask         Flags   MSS Window  irtt Iface   (netstat -nr)
 * ```
 * Flags: U up, G gateway, H host, R reinstate, D dynamic, M modified, A addrconf, C cache,
 * ! reject. The kernel names no device for blackhole/unreachable/prohibit routes (`*`).
 */
import { diagnostic, type Diagnostic } from '../../diagnostics';
import { formatIpv4, parseIpv4, parseIpv4Net } from '../../net/ipv4';
import { lineSpan, parseUint, tokenSpan, type Token } from '../ip-link/text-lines';
import type { Route } from './types';
import { msg } from '../../explain/message';

/** Where the metric and interface columns are, from the header row. */
export interface NetToolsColumns {
  metric: number | null;
  iface: number;
}

/** The default layout when rows come without their header (that of `route -n`). */
export const ROUTE_N_COLUMNS: NetToolsColumns = { metric: 4, iface: 7 };

/** `Destination Gateway Genmask Flags ...` → column positions, else null. */
export function parseNetToolsHeader(tokens: Token[]): NetToolsColumns | null {
  if (tokens[0]?.text !== 'Destination' || tokens[1]?.text !== 'Gateway' || tokens[2]?.text !== 'Genmask') return null;
  const names = tokens.map((t) => t.text);
  const metric = names.indexOf('Metric');
  const iface = names.indexOf('Iface');
  return { metric: metric >= 0 ? metric : null, iface: iface >= 0 ? iface : names.length - 1 };
}

function isFlags(text: string): boolean {
  if (text.length === 0 || text.length > 12) return false;
  for (const c of text) if (!'UGHRDMACN!'.includes(c)) return false;
  return true;
}

/** A data row: `DST GW MASK FLAGS ...` (dotted mask in the third column). */
export function isNetToolsRow(tokens: Token[]): boolean {
  return tokens.length >= 5 && isFlags(tokens[3]!.text) && parseIpv4(tokens[2]!.text) !== null;
}

/**
 * Converts one row to a main-table `Route`. `via` is set when the gateway is not 0.0.0.0;
 * `!` gives `unreachable` (net-tools cannot tell it from `prohibit`); no device gives `blackhole`.
 *
 * @example parseNetToolsRow(tokenizeLine('10.128.0.0  10.131.0.1  255.252.0.0  UG  0 0  0 ovn-k8s-mp0'), ROUTE_N_COLUMNS, 'f', 5, [])
 */
export function parseNetToolsRow(tokens: Token[], cols: NetToolsColumns, file: string, line: number, diags: Diagnostic[]): Route | null {
  const [dstTok, gwTok, maskTok, flagsTok] = tokens as [Token, Token, Token, Token];
  const dstAddr = dstTok.text === 'default' ? '0.0.0.0' : dstTok.text;
  const dst = parseIpv4Net(`${dstAddr}/${maskTok.text}`);
  if (!dst || dstAddr.includes('/')) {
    diags.push(diagnostic('RT002', tokenSpan(file, line, dstTok), msg('diag.RT002.invalidDestination', { dstTokText: dstTok.text }), 'error',
      msg('diag.hint.namesInsteadAddressesUse')));
    return null;
  }
  let via: string | undefined;
  // `*` (no -n) and `-` (reject routes) also mean "no gateway".
  if (gwTok.text !== '*' && gwTok.text !== '-' && gwTok.text !== '0.0.0.0') {
    if (parseIpv4(gwTok.text) === null) {
      diags.push(diagnostic('RT003', tokenSpan(file, line, gwTok), msg('diag.RT003.invalidGatewayAddress', { gwTokText: gwTok.text }), 'error',
        msg('diag.hint.namesInsteadAddressesUse')));
      return null;
    }
    via = gwTok.text;
  }
  const ifaceTok = tokens[cols.iface] ?? tokens[tokens.length - 1]!;
  const noDevice = ifaceTok.text === '*' || ifaceTok.text === '-';
  const reject = flagsTok.text.includes('!');
  const route: Route = {
    type: reject ? 'unreachable' : noDevice ? 'blackhole' : 'unicast',
    dst,
    dstText: dst.mask === 0 ? 'default' : dst.prefix === 32 ? formatIpv4(dst.addr) : `${formatIpv4(dst.addr)}/${dst.prefix ?? maskTok.text}`,
    table: 'main',
    metric: cols.metric === null ? 0 : parseUint(tokens[cols.metric]?.text) ?? 0,
    onlink: false,
    nexthops: [],
    span: lineSpan(file, line, tokens),
  };
  if (via !== undefined) route.via = via;
  if (!noDevice) route.dev = ifaceTok.text;
  return route;
}
