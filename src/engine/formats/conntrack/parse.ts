/**
 * `conntrack -L` / `conntrack -E` / `/proc/net/nf_conntrack` → `ConntrackDump`. Line by line,
 * never throwing; prompts, comments, fences and the `conntrack v1.4.6 (conntrack-tools): N flow
 * entries have been shown.` summary (stderr, often pasted along) are skipped.
 */
import { diagnostic, type Diagnostic, type ParseResult } from '../../diagnostics';
import { forEachTokenLine, isPromptOrNoise, lineSpan, parseUint, tokenSpan, type Token } from '../ip-link/text-lines';
import { parseEntryLine } from './entry-line';
import type { ConntrackDump, ConntrackEntry } from './types';
import { msg } from '../../explain/message';

class ConntrackReader {
  readonly diags: Diagnostic[] = [];
  readonly entries: ConntrackEntry[] = [];
  shown: number | undefined;
  private ipv6Noted = false;
  private readonly noted = new Set<string>();

  constructor(private readonly file: string) {}

  read(line: number, tokens: Token[]): void {
    if (isPromptOrNoise(tokens)) return;
    if (tokens[0]!.text === 'conntrack' && tokens[1]?.text.startsWith('v')) return this.summary(line, tokens);
    const result = parseEntryLine(tokens, this.file, line, this.diags);
    if (result.kind === 'ipv6') {
      if (!this.ipv6Noted) this.diags.push(diagnostic('CT005', lineSpan(this.file, line, tokens), undefined, 'info'));
      this.ipv6Noted = true;
      return;
    }
    if (result.kind !== 'entry') return;
    const fresh = result.unknown.filter((t) => !this.noted.has(keyOf(t)));
    const first = fresh[0];
    if (first) {
      for (const t of fresh) this.noted.add(keyOf(t));
      const more = fresh.length > 1 ? msg('diag.andMore', { count: fresh.length - 1 }) : '';
      this.diags.push(diagnostic('CT004', tokenSpan(this.file, line, first), msg('diag.CT004.conntrackFieldUnderstoodIgnored', { field: keyOf(first), more }), 'info'));
    }
    this.entries.push(result.entry);
  }

  /** `conntrack v1.4.6 (conntrack-tools): 12 flow entries have been shown.` */
  private summary(line: number, tokens: Token[]): void {
    const at = tokens.findIndex((t) => t.text === 'flow');
    const count = at > 0 ? parseUint(tokens[at - 1]!.text) : null;
    if (count !== null && tokens[at + 4]?.text.startsWith('shown')) this.shown = count;
    else this.diags.push(diagnostic('CT001', lineSpan(this.file, line, tokens), msg('diag.CT001.conntrackToolsMessageWas'), 'info'));
  }
}

function keyOf(t: Token): string {
  const eq = t.text.indexOf('=');
  return eq > 0 ? t.text.slice(0, eq + 1) : t.text;
}

/**
 * Parses `conntrack -L [-o extended,id]`, `conntrack -E` events and `/proc/net/nf_conntrack`.
 * IPv6 entries are skipped with one info diagnostic (`CT005`) per file. Never throws.
 * Use `conntrackNat` (`nat.ts`) to see what NAT an entry records.
 *
 * @example
 * const { value } = parseConntrack('tcp      6 86399 ESTABLISHED src=10.244.1.5 dst=10.96.0.1 sport=40000 dport=443 ' +
 *   'src=172.18.0.2 dst=10.244.1.5 sport=6443 dport=40000 [ASSURED] mark=0 use=1\n', 'ct.txt');
 * value.entries[0].reply.src; // '172.18.0.2' (DNAT to the API server)
 */
export function parseConntrack(text: string, file: string): ParseResult<ConntrackDump> {
  const reader = new ConntrackReader(file);
  forEachTokenLine(text, (line, tokens) => reader.read(line, tokens));
  const value: ConntrackDump = { entries: reader.entries, files: [file] };
  if (reader.shown !== undefined) value.shown = reader.shown;
  return { value, diagnostics: reader.diags };
}
