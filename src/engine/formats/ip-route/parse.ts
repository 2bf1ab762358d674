/**
 * Routing dumps → `RouteTableDump`: `ip route [show table all|N]`, `ip -d route`, `ip -o route`,
 * `route -n` and `netstat -nr`, mixed freely in one paste. Line by line, never throwing.
 */
import { diagnostic, type Diagnostic, type ParseResult } from '../../diagnostics';
import { headerIndex } from '../ip-link/link-header';
import { forEachTokenLine, isPromptOrNoise, lineSpan, promptCommand, tokenSpan, type Token } from '../ip-link/text-lines';
import { isNetToolsRow, parseNetToolsHeader, parseNetToolsRow, ROUTE_N_COLUMNS, type NetToolsColumns } from './net-tools';
import { normalizeTable, parseNexthopLine, parseRouteLine } from './route-line';
import type { Route, RouteTableDump } from './types';
import { msg } from '../../explain/message';

const NOTES = {
  netTools: msg('diag.RT001.netTools'),
  ipv6: msg('diag.RT001.ipv6Skipped'),
  localGuess: msg('diag.RT001.localGuess'),
  rule: msg('diag.RT001.ruleLines'),
} as const;

// Neighbour states `ip neigh` ends its lines with; such lines look like host routes otherwise.
const NUD_STATES = new Set(['PERMANENT', 'NOARP', 'REACHABLE', 'STALE', 'DELAY', 'PROBE', 'FAILED', 'INCOMPLETE', 'NONE']);
const ROUTE_COMMANDS = new Set(['r', 'ro', 'rou', 'rout', 'route']);

/**
 * The table a prompt's `ip route show table N` lists: iproute2 omits `table` on every line
 * when one table is asked for. `undefined` when the prompt is not an `ip route` command.
 */
export function promptTable(words: string[]): string | undefined {
  for (let k = 0; k < words.length; k++) {
    if (words[k] !== 'ip') continue;
    let j = k + 1;
    while (j < words.length && words[j]!.startsWith('-')) j++;
    if (!ROUTE_COMMANDS.has(words[j] ?? '')) continue;
    for (let t = j + 1; t < words.length - 1; t++) {
      if (words[t] === 'table' || words[t] === 'tab') return words[t + 1] === 'all' ? 'main' : normalizeTable(words[t + 1]!);
    }
    return 'main';
  }
  return undefined;
}

class RouteReader {
  readonly diags: Diagnostic[] = [];
  readonly routes: Route[] = [];
  private multipath: Route | null = null;
  private skippingIpv6 = false; // inside net-tools' IPv6 table, or after a skipped IPv6 route
  private columns: NetToolsColumns | null = null;
  private table = 'main';
  private readonly noted = new Set<string>();

  constructor(private readonly file: string) {}

  read(line: number, tokens: Token[]): void {
    const file = this.file;
    const first = tokens[0]!.text;
    if (first === 'nexthop') return this.nexthop(line, tokens);
    this.multipath = null;
    if (isPromptOrNoise(tokens)) {
      this.table = promptTable(promptCommand(tokens)) ?? this.table;
      this.diags.push(diagnostic('RT001', lineSpan(file, line, tokens), msg('diag.RT001.skippedShellPromptComment'), 'info'));
      return;
    }
    if (first === 'Kernel' && tokens[2]?.text === 'routing') {
      this.skippingIpv6 = tokens[1]?.text === 'IPv6';
      this.note(this.skippingIpv6 ? 'ipv6' : 'netTools', line, tokens);
      return;
    }
    const header = parseNetToolsHeader(tokens);
    if (header) {
      this.columns = header;
      return;
    }
    if (first === 'Destination') return; // net-tools' IPv6 header (`Destination Next Hop Flag ...`)
    if (first === 'cache') return; // `ip route get`'s second line
    const second = tokens[1]?.text;
    if (headerIndex(tokens[0]) !== null && (second === 'from' || second === 'not')) return this.note('rule', line, tokens);
    const last = tokens[tokens.length - 1]!.text;
    if (tokens.some((t) => t.text === 'lladdr') || NUD_STATES.has(last)) {
      this.diags.push(diagnostic('RT001', lineSpan(file, line, tokens), msg('diag.RT001.looksLikeIpNeigh'), 'warning'));
      return;
    }
    if (isNetToolsRow(tokens)) return this.netToolsRow(line, tokens);
    this.skippingIpv6 = false;
    const result = parseRouteLine(tokens, file, line, this.table, this.diags);
    if (result.kind === 'ipv6') {
      this.skippingIpv6 = true;
      this.note('ipv6', line, tokens);
    } else if (result.kind === 'route') {
      const route = result.route;
      if ((route.type === 'local' || route.type === 'broadcast') && route.table === 'main' && !tokens.some((t) => t.text === 'table')) {
        route.table = 'local';
        this.note('localGuess', line, tokens);
      }
      this.unknownWords(line, result.unknown);
      this.routes.push(route);
      this.multipath = route;
    }
  }

  finish(): RouteTableDump {
    return { routes: this.routes, hasLocalTable: this.routes.some((r) => r.table === 'local'), files: [this.file] };
  }

  private nexthop(line: number, tokens: Token[]): void {
    if (this.skippingIpv6) return;
    if (!this.multipath) {
      this.diags.push(diagnostic('RT004', lineSpan(this.file, line, tokens)));
      return;
    }
    const hop = parseNexthopLine(tokens, this.file, line, this.diags);
    if (hop) this.multipath.nexthops.push(hop);
  }

  private netToolsRow(line: number, tokens: Token[]): void {
    if (tokens[0]!.text.includes(':')) this.skippingIpv6 = true;
    if (this.skippingIpv6) return this.note('ipv6', line, tokens);
    if (!this.columns) this.note('netTools', line, tokens);
    const route = parseNetToolsRow(tokens, this.columns ?? ROUTE_N_COLUMNS, this.file, line, this.diags);
    if (route) this.routes.push(route);
  }

  /** At most one note per line, and each unknown word is named once per file. */
  private unknownWords(line: number, tokens: Token[]): void {
    const fresh = tokens.filter((t) => !this.noted.has(`word:${t.text}`));
    const first = fresh[0];
    if (!first) return;
    for (const t of fresh) this.noted.add(`word:${t.text}`);
    const more = fresh.length > 1 ? msg('diag.andMore', { count: fresh.length - 1 }) : '';
    this.diags.push(diagnostic('RT001', tokenSpan(this.file, line, first),
      msg('diag.RT001.routeAttributeUnderstoodIgnored', { firstText: first.text, more }), 'info'));
  }

  private note(kind: keyof typeof NOTES, line: number, tokens: Token[]): void {
    if (this.noted.has(kind)) return;
    this.noted.add(kind);
    this.diags.push(diagnostic('RT001', lineSpan(this.file, line, tokens), NOTES[kind], 'info'));
  }
}

/**
 * Parses `ip route` (any table, with `-d` or `-o`), `route -n` and `netstat -nr` output.
 * Routes without `table` are in "main"; `hasLocalTable` is true when table local was listed.
 * IPv6 routes are skipped with one info diagnostic. Never throws.
 *
 * @example
 * const { value } = parseIpRoute('default via 10.0.0.1 dev eth0 proto dhcp metric 100 \n' +
 *   'blackhole 10.48.0.64/26 proto bird \n', 'routes.txt');
 * value.routes[1].type; // 'blackhole'
 */
export function parseIpRoute(text: string, file: string): ParseResult<RouteTableDump> {
  const reader = new RouteReader(file);
  forEachTokenLine(text, (line, tokens) => reader.read(line, tokens));
  return { value: reader.finish(), diagnostics: reader.diags };
}
