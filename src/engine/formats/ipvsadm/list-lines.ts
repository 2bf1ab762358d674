/**
 * The two line shapes of `ipvsadm -L` listings (`print_service_entry` in ipvsadm.c):
 * a service line `PROT  ADDR:PORT sched [flags]` (or `FWM  N [IPv6] sched`), and a real-server
 * line `  -> ADDR:PORT` followed by the columns the listing's header announced.
 */
import { diagnostic, type Diagnostic, type SourceSpan } from '../../diagnostics';
import { lineSpan, parseUint, tokenSpan, type Token } from '../ip-link/text-lines';
import type { IpvsListing, IpvsRealServer, IpvsService } from './types';
import { forwardMethod, listProtocol, parseAddrPort, parseCounters, type AddrPort } from './values';
import { msg } from '../../explain/message';

export interface LineContext {
  file: string;
  line: number;
  listing: IpvsListing;
  diags: Diagnostic[];
}

const KNOWN_SCHEDULERS = new Set(['rr', 'wrr', 'lc', 'wlc', 'lblc', 'lblcr', 'dh', 'sh', 'sed', 'nq', 'mh', 'fo', 'ovf', 'twos']);

/** True for the first word of a service line. */
export function isServiceWord(text: string): boolean {
  return listProtocol(text) !== null || text === 'FWM';
}

function badAddress(ctx: LineContext, token: Token): void {
  const named = !token.text.startsWith('[') && /[a-z]/i.test(token.text);
  ctx.diags.push(named
    ? diagnostic('IPVS007', tokenSpan(ctx.file, ctx.line, token), msg('diag.IPVS007.nameAddressPortLine', { tokenText: token.text }), 'warning', msg('diag.hint.runIpvsadmWithN'))
    : diagnostic('IPVS003', tokenSpan(ctx.file, ctx.line, token), msg('diag.IPVS003.invalidAddressPortLine', { tokenText: token.text }), 'warning'));
}

/** Reads scheduler flags after the scheduler: `persistent T`, `mask M`, `pe NAME`, `ops`, `(f1,f2)`. */
function readFlags(svc: IpvsService, rest: Token[], ctx: LineContext): void {
  for (let i = 0; i < rest.length; i++) {
    const t = rest[i]!;
    const next = rest[i + 1];
    if (t.text === 'persistent') {
      const timeout = parseUint(next?.text);
      if (timeout === null) ctx.diags.push(diagnostic('IPVS006', tokenSpan(ctx.file, ctx.line, next ?? t), msg('diag.IPVS006.persistentNeedsTimeoutSeconds'), 'warning'));
      svc.persistence = { timeoutSeconds: timeout ?? 360 };
      if (timeout !== null) i++;
    } else if (t.text === 'mask' && next) {
      if (svc.persistence) svc.persistence.netmask = next.text;
      i++;
    } else if (t.text === 'pe' && next) {
      svc.persistenceEngine = next.text;
      i++;
    } else if (t.text === 'ops') {
      svc.onePacket = true;
    } else if (t.text.startsWith('(') && t.text.endsWith(')')) {
      svc.schedulerFlags.push(...t.text.slice(1, -1).split(',').filter((f) => f !== ''));
    } else {
      svc.flags.push(t.text);
      ctx.diags.push(diagnostic('IPVS004', tokenSpan(ctx.file, ctx.line, t), msg('diag.IPVS004.serviceFlagUnderstoodKept', { tText: t.text }), 'info'));
    }
  }
}

/**
 * Parses a service line of any listing. Returns null (with a diagnostic) when the address or
 * fwmark cannot be read.
 *
 * @example parseServiceLine(tokenizeLine('TCP  10.96.0.1:443 rr'), ctx)?.vip; // '10.96.0.1'
 */
export function parseServiceLine(tokens: Token[], ctx: LineContext): IpvsService | null {
  const [protoTok, addrTok] = tokens;
  if (!protoTok || !addrTok) {
    ctx.diags.push(diagnostic('IPVS001', lineSpan(ctx.file, ctx.line, tokens), msg('diag.IPVS001.serviceLineWithoutAddress'), 'warning'));
    return null;
  }
  const svc: IpvsService = {
    protocol: null, vip: null, family: 'ipv4', port: null, scheduler: '', schedulerFlags: [], persistence: null,
    onePacket: false, flags: [], realServers: [], span: lineSpan(ctx.file, ctx.line, tokens),
  };
  let rest = tokens.slice(2);
  if (protoTok.text === 'FWM') {
    const mark = parseUint(addrTok.text);
    if (mark === null) {
      ctx.diags.push(diagnostic('IPVS003', tokenSpan(ctx.file, ctx.line, addrTok), msg('diag.IPVS003.invalidFirewallMarkLine', { addrTokText: addrTok.text }), 'warning'));
      return null;
    }
    svc.fwmark = mark;
    if (rest[0]?.text === 'IPv6') {
      svc.family = 'ipv6';
      rest = rest.slice(1);
    }
  } else {
    const ap = parseAddrPort(addrTok.text);
    if (ap === null) {
      badAddress(ctx, addrTok);
      return null;
    }
    Object.assign(svc, { protocol: listProtocol(protoTok.text), vip: ap.ip, family: ap.family, port: ap.port });
  }
  if (ctx.listing === 'stats' || ctx.listing === 'rate') {
    const counters = parseCounters(rest.map((t) => t.text));
    if (counters === null) ctx.diags.push(diagnostic('IPVS006', lineSpan(ctx.file, ctx.line, rest.length > 0 ? rest : tokens), msg('diag.IPVS006.expectedFiveColumns', { ctxListing: ctx.listing }), 'warning'));
    else if (ctx.listing === 'stats') svc.stats = counters;
    else svc.rates = counters;
    return svc;
  }
  const sched = rest[0];
  if (!sched) {
    ctx.diags.push(diagnostic('IPVS004', svc.span, msg('diag.IPVS004.serviceLineHasNo'), 'warning'));
    return svc;
  }
  svc.scheduler = sched.text;
  if (!KNOWN_SCHEDULERS.has(sched.text)) {
    ctx.diags.push(diagnostic('IPVS004', tokenSpan(ctx.file, ctx.line, sched), msg('diag.IPVS004.unknownSchedulerKeptAs', { schedText: sched.text }), 'info'));
  }
  readFlags(svc, rest.slice(1), ctx);
  return svc;
}

function uint(ctx: LineContext, t: Token | undefined, what: string, tokens: Token[]): number | null {
  const v = parseUint(t?.text);
  if (v === null) {
    const span = t ? tokenSpan(ctx.file, ctx.line, t) : lineSpan(ctx.file, ctx.line, tokens);
    ctx.diags.push(diagnostic('IPVS006', span, msg('diag.IPVS006.invalid', { what, value: t?.text ?? '' }), 'warning'));
  }
  return v;
}

/**
 * Parses a `  -> ADDR:PORT ...` line (the `->` token included). Returns null for the header's
 * `-> RemoteAddress:Port` line and, with a diagnostic, for unreadable addresses.
 */
export function parseRealServerLine(tokens: Token[], ctx: LineContext, defaultPort: number | null): IpvsRealServer | null {
  const addrTok = tokens[1];
  if (!addrTok || addrTok.text.startsWith('RemoteAddress')) return null;
  const ap = parseAddrPort(addrTok.text, defaultPort);
  if (ap === null) {
    badAddress(ctx, addrTok);
    return null;
  }
  const span = lineSpan(ctx.file, ctx.line, tokens);
  // The plain listing (every kube-proxy node): one object literal of a fixed shape. Spreading `ap`
  // and adding the columns one by one cost 9 µs and a dictionary-mode object per server.
  if (ctx.listing !== 'stats' && ctx.listing !== 'rate' && ctx.listing !== 'thresholds' && ctx.listing !== 'persistent-conn') return listServer(ap, span, tokens, ctx);
  const rs: IpvsRealServer = { ip: ap.ip, family: ap.family, port: ap.port, method: null, weight: null, span };
  const cols = tokens.slice(2);
  switch (ctx.listing) {
    case 'stats':
    case 'rate': {
      const counters = parseCounters(cols.slice(0, 5).map((t) => t.text));
      if (counters === null) ctx.diags.push(diagnostic('IPVS006', rs.span, msg('diag.IPVS006.expectedFiveColumns', { ctxListing: ctx.listing }), 'warning'));
      else if (ctx.listing === 'stats') rs.stats = counters;
      else rs.rates = counters;
      break;
    }
    case 'thresholds':
      rs.upperThreshold = uint(ctx, cols[0], 'Uthreshold', tokens) ?? undefined;
      rs.lowerThreshold = uint(ctx, cols[1], 'Lthreshold', tokens) ?? undefined;
      rs.activeConn = uint(ctx, cols[2], 'ActiveConn', tokens) ?? undefined;
      rs.inactConn = uint(ctx, cols[3], 'InActConn', tokens) ?? undefined;
      break;
    case 'persistent-conn':
      rs.weight = uint(ctx, cols[0], 'Weight', tokens);
      rs.persistConn = uint(ctx, cols[1], 'PersistConn', tokens) ?? undefined;
      rs.activeConn = uint(ctx, cols[2], 'ActiveConn', tokens) ?? undefined;
      rs.inactConn = uint(ctx, cols[3], 'InActConn', tokens) ?? undefined;
      break;
  }
  return rs;
}

/** `-> ADDR:PORT Forward Weight ActiveConn InActConn`: the same keys, in the same order, as before. */
function listServer(ap: AddrPort, span: SourceSpan, tokens: Token[], ctx: LineContext): IpvsRealServer {
  const fwd = tokens[2];
  const method = fwd ? forwardMethod(fwd.text) : null;
  if (fwd && method === null) ctx.diags.push(diagnostic('IPVS004', tokenSpan(ctx.file, ctx.line, fwd), msg('diag.IPVS004.unknownForwardingMethod', { fwdText: fwd.text }), 'warning'));
  const weight = uint(ctx, tokens[3], 'Weight', tokens);
  const activeConn = uint(ctx, tokens[4], 'ActiveConn', tokens) ?? undefined;
  const inactConn = uint(ctx, tokens[5], 'InActConn', tokens) ?? undefined;
  return fwd
    ? { ip: ap.ip, family: ap.family, port: ap.port, method, weight, span, methodText: fwd.text, activeConn, inactConn }
    : { ip: ap.ip, family: ap.family, port: ap.port, method, weight, span, activeConn, inactConn };
}
