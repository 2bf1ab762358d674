/**
 * What the user asks to send: `tcp 10.244.1.2:40000 > 10.96.0.10:80`, parsed into a spec.
 * The simulator resolves `from` (a pod name, IP or namespace) against the model.
 */
import type { ParseResult } from '../diagnostics';
import { diagnostic } from '../diagnostics';
import { parseIpv4 } from '../net/ipv4';
import { msg, type Msg } from '../explain/message';

export type L4Proto = 'tcp' | 'udp' | 'icmp';

export interface PacketSpec {
  proto: L4Proto;
  /** Source address; when absent, chosen by the source namespace's routing (source address selection). */
  src?: string;
  sport?: number;
  dst: string;
  dport?: number;
}

const DEFAULT_SPORT = 40000;

/**
 * Grammar: `PROTO [SRC[:SPORT]] > DST[:DPORT]`, e.g. `tcp 10.244.1.2:40000 > 10.96.0.10:80`,
 * `tcp > 10.96.0.10:80`, `icmp 10.0.0.1 > 10.0.0.2`.
 */
export function parsePacketSpec(text: string, file = 'packet'): ParseResult<PacketSpec | null> {
  const fail = (column: number, message: Msg) => ({
    value: null,
    diagnostics: [diagnostic('SIM001', { file, line: 1, column }, message)],
  });
  const trimmed = text.trim();
  const m = /^(tcp|udp|icmp)\s+(?:(\S+)\s+)?>\s*(\S+)$/i.exec(trimmed);
  if (!m) return fail(1, msg('diag.SIM001.grammar'));
  const proto = m[1]!.toLowerCase() as L4Proto;
  const spec: PacketSpec = { proto, dst: '' };
  const endpoint = (part: string, column: number, role: 'source' | 'destination') => {
    const colon = part.lastIndexOf(':');
    const host = colon < 0 ? part : part.slice(0, colon);
    const portText = colon < 0 ? undefined : part.slice(colon + 1);
    if (parseIpv4(host) === null) return { error: fail(column, msg('diag.SIM001.notIpv4', { role, host })) };
    let port: number | undefined;
    if (portText !== undefined) {
      if (!/^\d{1,5}$/.test(portText) || Number(portText) > 65535 || Number(portText) === 0) {
        return { error: fail(column + colon + 1, msg('diag.SIM001.badPort', { role, port: portText })) };
      }
      if (proto === 'icmp') return { error: fail(column + colon + 1, msg('diag.SIM001.icmpNoPorts')) };
      port = Number(portText);
    }
    return { host, port };
  };
  if (m[2] !== undefined) {
    const srcColumn = trimmed.indexOf(m[2]) + 1;
    const src = endpoint(m[2], srcColumn, 'source');
    if ('error' in src) return src.error!;
    spec.src = src.host;
    if (src.port !== undefined) spec.sport = src.port;
  }
  const dstColumn = trimmed.lastIndexOf(m[3]!) + 1;
  const dst = endpoint(m[3]!, dstColumn, 'destination');
  if ('error' in dst) return dst.error!;
  spec.dst = dst.host;
  if (dst.port !== undefined) spec.dport = dst.port;
  if (proto !== 'icmp') {
    if (spec.dport === undefined) return fail(dstColumn, msg('diag.SIM001.needsPort', { proto, dst: spec.dst }));
    spec.sport ??= DEFAULT_SPORT;
  }
  return { value: spec, diagnostics: [] };
}

export function formatPacketSpec(spec: PacketSpec): string {
  const src = spec.src ? `${spec.src}${spec.sport ? `:${spec.sport}` : ''} ` : '';
  return `${spec.proto} ${src}> ${spec.dst}${spec.dport ? `:${spec.dport}` : ''}`;
}
