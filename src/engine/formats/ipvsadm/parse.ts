/**
 * ipvsadm output → `IpvsTable`. Line by line, never throwing: the header line of a listing
 * decides what the number columns mean, `-A`/`-a` lines are ipvsadm-save, and anything else is
 * reported and skipped without hiding the lines after it.
 */
import { diagnostic, type Diagnostic, type ParseResult } from '../../diagnostics';
import { forEachTokenLine, isPromptOrNoise, lineSpan, parseUint, type Token } from '../ip-link/text-lines';
import { isServiceWord, parseRealServerLine, parseServiceLine, type LineContext } from './list-lines';
import { isSaveLine, parseSaveLine, serviceKey } from './save-lines';
import type { IpvsListing, IpvsRealServer, IpvsService, IpvsTable } from './types';
import { msg } from '../../explain/message';

/** The listing announced by a `Prot LocalAddress:Port ...` header line. */
function listingOf(tokens: Token[]): IpvsListing {
  const words = new Set(tokens.map((t) => t.text));
  if (words.has('Conns')) return 'stats';
  if (words.has('CPS')) return 'rate';
  if (words.has('Uthreshold')) return 'thresholds';
  if (words.has('PersistConn')) return 'persistent-conn';
  return 'list';
}

/** `TCP 02:59:45 NONE 192.168.1.100:0 ...`: an `ipvsadm -Lnc` connection entry. */
function isConnectionEntry(tokens: Token[]): boolean {
  const expire = tokens[1]?.text ?? '';
  return tokens.length >= 5 && /^\d{1,4}:\d\d(:\d\d)?$/.test(expire);
}

function mergeServer(into: IpvsRealServer, from: IpvsRealServer): void {
  for (const [k, v] of Object.entries(from)) {
    if (k === 'span' || v === undefined || v === null) continue;
    (into as unknown as Record<string, unknown>)[k] = v;
  }
}

class IpvsReader {
  readonly diags: Diagnostic[] = [];
  readonly table: IpvsTable;
  private listing: IpvsListing = 'list';
  private current: IpvsService | null = null;
  private readonly byKey = new Map<string, IpvsService>();
  private connectionsNoted = false;
  private elisionNoted = false;

  constructor(private readonly file: string) {
    this.table = { services: [], listings: [], connectionsSkipped: 0, files: [file] };
  }

  private setListing(listing: IpvsListing): void {
    this.listing = listing;
    if (!this.table.listings.includes(listing)) this.table.listings.push(listing);
  }

  private addService(svc: IpvsService): void {
    const key = serviceKey(svc);
    const existing = this.byKey.get(key);
    if (!existing) {
      this.byKey.set(key, svc);
      this.table.services.push(svc);
      this.current = svc;
      return;
    }
    // The same service again: another listing of the same table (`-Ln` then `-Ln --stats`).
    if (svc.stats) existing.stats = svc.stats;
    if (svc.rates) existing.rates = svc.rates;
    if (svc.scheduler !== '') {
      Object.assign(existing, {
        scheduler: svc.scheduler, schedulerFlags: svc.schedulerFlags, persistence: svc.persistence, onePacket: svc.onePacket, flags: svc.flags,
      });
      if (svc.persistenceEngine !== undefined) existing.persistenceEngine = svc.persistenceEngine;
    }
    this.current = existing;
  }

  private addServer(svc: IpvsService, rs: IpvsRealServer): void {
    const same = svc.realServers.find((r) => r.ip === rs.ip && r.port === rs.port);
    if (same) mergeServer(same, rs);
    else svc.realServers.push(rs);
  }

  read(line: number, tokens: Token[]): void {
    const first = tokens[0]!.text;
    const ctx: LineContext = { file: this.file, line, listing: this.listing, diags: this.diags };
    if (first === 'IP' && tokens[1]?.text === 'Virtual' && tokens[2]?.text === 'Server') {
      this.table.version = tokens[4]?.text;
      const size = /^\(size=(\d{1,10})\)$/.exec(tokens[5]?.text ?? '');
      if (size) this.table.tableSize = Number(size[1]);
      this.current = null;
    } else if (first === 'Prot' && tokens[1]?.text.startsWith('LocalAddress')) {
      this.setListing(listingOf(tokens));
      this.current = null;
    } else if (first === '->') {
      if (tokens[1]?.text.startsWith('RemoteAddress')) return;
      if (!this.current) {
        this.diags.push(diagnostic('IPVS002', lineSpan(this.file, line, tokens), undefined, 'warning'));
        return;
      }
      const rs = parseRealServerLine(tokens, ctx, this.current.port);
      if (rs) this.addServer(this.current, rs);
    } else if (isConnectionEntry(tokens) || (first === 'IPVS' && tokens[1]?.text === 'connection') || (first === 'pro' && tokens[1]?.text === 'expire')) {
      if (isConnectionEntry(tokens)) this.table.connectionsSkipped++;
      if (!this.connectionsNoted) this.diags.push(diagnostic('IPVS005', lineSpan(this.file, line, tokens), undefined, 'info'));
      this.connectionsNoted = true;
    } else if (first === 'Timeout' && tokens[1]?.text === '(tcp') {
      const [tcp, tcpFin, udp] = tokens.slice(-3).map((t) => parseUint(t.text));
      if (tcp != null && tcpFin != null && udp != null) this.table.timeouts = { tcp, tcpFin, udp };
    } else if (isSaveLine(tokens)) {
      this.readSave(line, tokens);
    } else if (isServiceWord(first)) {
      const svc = parseServiceLine(tokens, ctx);
      if (svc) this.addService(svc);
      else this.current = null;
    } else if (/^[.…]+$/.test(first) && tokens.length === 1) {
      if (!this.elisionNoted) this.diags.push(diagnostic('IPVS001', lineSpan(this.file, line, tokens), msg('diag.IPVS001.elidedPartOutputSkipped'), 'info'));
      this.elisionNoted = true;
    } else {
      this.diags.push(diagnostic('IPVS001', lineSpan(this.file, line, tokens), undefined, 'warning'));
    }
  }

  private readSave(line: number, tokens: Token[]): void {
    this.setListing('save');
    const result = parseSaveLine(tokens, this.file, line, this.diags);
    if (result.kind === 'service') this.addService(result.service);
    else if (result.kind === 'server') {
      const svc = this.byKey.get(result.key);
      if (!svc) {
        this.diags.push(diagnostic('IPVS002', lineSpan(this.file, line, tokens), msg('diag.IPVS002.realServerForWhich', { resultKeySpanTokenText: result.keySpanToken.text }), 'warning'));
        return;
      }
      this.addServer(svc, result.server);
    }
  }
}

/**
 * Parses `ipvsadm -Ln` (also `--stats`, `--rate`, `--thresholds`, `--persistent-conn`, `--timeout`)
 * and `ipvsadm-save -n` / `ipvsadm -Sn` output. `-Lnc` connection entries are counted and skipped
 * with one info diagnostic. A service listed twice (`-Ln` then `-Ln --stats`) is merged into one.
 * Never throws.
 *
 * @example
 * const { value } = parseIpvsadm('TCP  10.96.0.1:443 rr\n  -> 172.18.0.2:6443  Masq 1 0 0\n', 'ipvs.txt');
 * value.services[0].realServers[0].method; // 'masq'
 */
export function parseIpvsadm(text: string, file: string): ParseResult<IpvsTable> {
  const reader = new IpvsReader(file);
  forEachTokenLine(text, (line, tokens) => {
    if (isPromptOrNoise(tokens) && !isSaveLine(tokens)) return;
    reader.read(line, tokens);
  });
  if (reader.table.listings.length === 0 && reader.table.services.length > 0) reader.table.listings.push('list');
  return { value: reader.table, diagnostics: reader.diags };
}
