/**
 * `ipvsadm-save -n` / `ipvsadm -Sn` lines (`FMT_RULE` in ipvsadm.c): `-A -t VIP:PORT -s rr [-p T
 * [-M MASK]] [pe NAME] [ops]` declares a service, `-a -t VIP:PORT -r RIP:PORT -m -w 1` adds a real
 * server to it. Long option names (`--tcp-service`, ...) are read too, for hand-written files.
 */
import { diagnostic, type Diagnostic } from '../../diagnostics';
import { lineSpan, parseUint, tokenSpan, type Token } from '../ip-link/text-lines';
import type { IpvsForwardMethod, IpvsProtocol, IpvsRealServer, IpvsService } from './types';
import { parseAddrPort } from './values';
import { msg } from '../../explain/message';

/** What one save line declares. */
export type SaveLine =
  | { kind: 'service'; service: IpvsService }
  | { kind: 'server'; key: string; server: IpvsRealServer; keySpanToken: Token }
  | { kind: 'ignored' };

const ALIASES: Record<string, string> = {
  '--add-service': '-A', '--edit-service': '-E', '--add-server': '-a', '--edit-server': '-e',
  '--tcp-service': '-t', '--udp-service': '-u', '--fwmark-service': '-f', '--scheduler': '-s',
  '--persistent': '-p', '--netmask': '-M', '--real-server': '-r', '--gatewaying': '-g', '--ipip': '-i',
  '--masquerading': '-m', '--weight': '-w', '--u-threshold': '-x', '--l-threshold': '-y', '--sched-flags': '-b',
  '--ops': '-o', ops: '-o', pe: '--pe',
};
const VALUE_OPTIONS = new Set(['-t', '-u', '--sctp-service', '-f', '-s', '-M', '-r', '-w', '-x', '-y', '-b', '--pe', '--tun-type', '--tun-port']);
const FLAG_OPTIONS = new Set(['-A', '-E', '-a', '-e', '-g', '-i', '-m', '-o', '-6', '-p', '--tun-nocsum', '--tun-csum', '--tun-remcsum']);
const METHOD_SWITCH: Record<string, IpvsForwardMethod> = { '-m': 'masq', '-g': 'route', '-i': 'tunnel' };

/** The key that ties `-a` lines to their `-A` service. */
export function serviceKey(s: Pick<IpvsService, 'protocol' | 'vip' | 'port' | 'fwmark' | 'family'>): string {
  return s.fwmark !== undefined ? `fwm/${s.fwmark}/${s.family}` : `${s.protocol}/${s.vip}/${s.port}`;
}

/** True for a line that starts like an ipvsadm-save command. */
export function isSaveLine(tokens: Token[]): boolean {
  const first = ALIASES[tokens[0]?.text ?? ''] ?? tokens[0]?.text;
  return first === '-A' || first === '-a' || first === '-E' || first === '-e';
}

interface Options {
  command: string;
  values: Map<string, Token>;
  flags: Set<string>;
  persistentValue?: Token;
}

function readOptions(tokens: Token[], file: string, line: number, diags: Diagnostic[]): Options {
  const opts: Options = { command: '', values: new Map(), flags: new Set() };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const name = ALIASES[t.text] ?? t.text;
    const next = tokens[i + 1];
    if (name === '-p') {
      opts.flags.add('-p');
      if (next && parseUint(next.text) !== null) {
        opts.persistentValue = next;
        i++;
      }
    } else if (VALUE_OPTIONS.has(name)) {
      if (!next) {
        diags.push(diagnostic('IPVS008', tokenSpan(file, line, t), msg('diag.IPVS008.optionMissingValue', { tText: t.text }), 'warning'));
        break;
      }
      opts.values.set(name, next);
      i++;
    } else if (FLAG_OPTIONS.has(name)) {
      if (i === 0) opts.command = name;
      else opts.flags.add(name);
    } else {
      diags.push(diagnostic('IPVS008', tokenSpan(file, line, t), msg('diag.IPVS008.ipvsadmOptionUnderstoodIgnored', { tText: t.text }), 'info'));
    }
  }
  return opts;
}

function serviceAddress(opts: Options, file: string, line: number, tokens: Token[], diags: Diagnostic[]):
  { protocol: IpvsProtocol | null; vip: string | null; port: number | null; family: 'ipv4' | 'ipv6'; fwmark?: number; token: Token } | null {
  const mark = opts.values.get('-f');
  if (mark) {
    const fwmark = parseUint(mark.text);
    if (fwmark === null) {
      diags.push(diagnostic('IPVS003', tokenSpan(file, line, mark), msg('diag.IPVS003.invalidFirewallMarkLine2', { markText: mark.text }), 'warning'));
      return null;
    }
    return { protocol: null, vip: null, port: null, family: opts.flags.has('-6') ? 'ipv6' : 'ipv4', fwmark, token: mark };
  }
  const protoOpt = (['-t', '-u', '--sctp-service'] as const).find((o) => opts.values.has(o));
  const token = protoOpt ? opts.values.get(protoOpt)! : undefined;
  if (!protoOpt || !token) {
    diags.push(diagnostic('IPVS008', lineSpan(file, line, tokens), msg('diag.IPVS008.noTUSctp'), 'warning'));
    return null;
  }
  const ap = parseAddrPort(token.text);
  if (ap === null) {
    const named = /[a-z]/i.test(token.text) && !token.text.startsWith('[');
    diags.push(named
      ? diagnostic('IPVS007', tokenSpan(file, line, token), msg('diag.IPVS007.nameAddressPortLine', { tokenText: token.text }), 'warning', msg('diag.hint.runIpvsadmSaveWith'))
      : diagnostic('IPVS003', tokenSpan(file, line, token), msg('diag.IPVS003.invalidAddressPortLine', { tokenText: token.text }), 'warning'));
    return null;
  }
  const protocol: IpvsProtocol = protoOpt === '-t' ? 'tcp' : protoOpt === '-u' ? 'udp' : 'sctp';
  return { protocol, vip: ap.ip, port: ap.port, family: ap.family, token };
}

/**
 * Parses one ipvsadm-save line.
 *
 * @example parseSaveLine(tokenizeLine('-A -t 10.96.0.1:443 -s rr -p 10800'), 'save.txt', 1, []);
 */
export function parseSaveLine(tokens: Token[], file: string, line: number, diags: Diagnostic[]): SaveLine {
  const opts = readOptions(tokens, file, line, diags);
  const addr = serviceAddress(opts, file, line, tokens, diags);
  if (addr === null) return { kind: 'ignored' };
  const span = lineSpan(file, line, tokens);
  const { token, ...where } = addr;
  if (opts.command === '-A' || opts.command === '-E') {
    const service: IpvsService = {
      ...where, scheduler: opts.values.get('-s')?.text ?? 'wlc', schedulerFlags: [], persistence: null,
      onePacket: opts.flags.has('-o'), flags: [], realServers: [], span,
    };
    const schedFlags = opts.values.get('-b')?.text;
    if (schedFlags) service.schedulerFlags = schedFlags.split(',').filter((f) => f !== '');
    if (opts.flags.has('-p')) {
      // ipvsadm's default persistence timeout, IPVS_SVC_PERSISTENT_TIMEOUT (6*60).
      service.persistence = { timeoutSeconds: parseUint(opts.persistentValue?.text) ?? 360 };
      const mask = opts.values.get('-M')?.text;
      if (mask !== undefined) service.persistence.netmask = mask;
    }
    const pe = opts.values.get('--pe')?.text;
    if (pe !== undefined) service.persistenceEngine = pe;
    return { kind: 'service', service };
  }
  const rTok = opts.values.get('-r');
  const ap = rTok ? parseAddrPort(rTok.text, where.port ?? 0) : null;
  if (!rTok || ap === null) {
    diags.push(diagnostic('IPVS003', rTok ? tokenSpan(file, line, rTok) : span, msg('diag.IPVS003.realServerLineNeeds'), 'warning'));
    return { kind: 'ignored' };
  }
  const switchName = ['-m', '-g', '-i'].find((s) => opts.flags.has(s));
  const weightTok = opts.values.get('-w');
  const server: IpvsRealServer = {
    ...ap, method: switchName ? METHOD_SWITCH[switchName]! : 'route', weight: weightTok ? parseUint(weightTok.text) : 1, span,
  };
  if (switchName) server.methodText = switchName;
  if (weightTok && server.weight === null) diags.push(diagnostic('IPVS006', tokenSpan(file, line, weightTok), msg('diag.IPVS006.invalidWeight', { weightTokText: weightTok.text }), 'warning'));
  const x = parseUint(opts.values.get('-x')?.text);
  const y = parseUint(opts.values.get('-y')?.text);
  if (x !== null) server.upperThreshold = x;
  if (y !== null) server.lowerThreshold = y;
  return { kind: 'server', key: serviceKey(where), server, keySpanToken: token };
}
