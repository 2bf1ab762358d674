/**
 * `ip neigh` output → `NeighTable`. Line by line, never throwing; prompts, comments and code
 * fences are skipped, and a pasted `ip neigh show dev X` supplies the device its lines omit.
 */
import { diagnostic, type Diagnostic, type ParseResult } from '../../diagnostics';
import { forEachTokenLine, isPromptOrNoise, lineSpan, promptCommand, tokenSpan, type Token } from '../ip-link/text-lines';
import { parseNeighLine } from './neigh-line';
import { promptNeighDev } from './prompt-filter';
import type { NeighEntry, NeighTable } from './types';
import { msg } from '../../explain/message';

class NeighReader {
  readonly diags: Diagnostic[] = [];
  readonly entries: NeighEntry[] = [];
  private dev = '';
  private ipv6Noted = false;
  private missingDevNoted = false;
  private readonly noted = new Set<string>();

  constructor(private readonly file: string) {}

  read(line: number, tokens: Token[]): void {
    if (isPromptOrNoise(tokens)) {
      const dev = promptNeighDev(promptCommand(tokens));
      if (dev !== undefined) this.dev = dev ?? '';
      return;
    }
    const result = parseNeighLine(tokens, this.file, line, this.dev, this.diags);
    if (result.kind === 'ipv6') {
      if (!this.ipv6Noted) this.diags.push(diagnostic('NEI005', lineSpan(this.file, line, tokens), undefined, 'info'));
      this.ipv6Noted = true;
      return;
    }
    if (result.kind !== 'entry') return;
    const { entry, unknown } = result;
    if (entry.dev === '' && !this.missingDevNoted) {
      this.missingDevNoted = true;
      this.diags.push(diagnostic('NEI001', entry.span,
        msg('diag.NEI001.entryNamesNoDevice'), 'warning',
        msg('diag.hint.pasteIpNeighShow')));
    }
    this.reportUnknown(line, unknown);
    this.entries.push(entry);
  }

  /** At most one note per line, and each unknown word once per file. */
  private reportUnknown(line: number, tokens: Token[]): void {
    const fresh = tokens.filter((t) => !this.noted.has(t.text));
    const first = fresh[0];
    if (!first) return;
    for (const t of fresh) this.noted.add(t.text);
    const more = fresh.length > 1 ? msg('diag.andMore', { count: fresh.length - 1 }) : '';
    this.diags.push(diagnostic('NEI004', tokenSpan(this.file, line, first), msg('diag.NEI004.neighbourAttributeUnderstoodIgnored', { firstText: first.text, more }), 'info'));
  }
}

/**
 * Parses `ip neigh [show]` (`ip -4 neigh`, `ip -s neigh`, `ip monitor neigh` lines too). IPv6
 * neighbours are skipped with one info diagnostic (`NEI005`) per file. Never throws.
 *
 * @example
 * const { value } = parseIpNeigh('10.244.1.0 dev flannel.1 lladdr 9e:01:3d:09:66:39 PERMANENT\n' +
 *   '10.0.0.5 dev eth0  FAILED\n', 'neigh.txt');
 * value.entries[0].mac; // '9e:01:3d:09:66:39'
 * value.entries[1].state; // 'FAILED'
 */
export function parseIpNeigh(text: string, file: string): ParseResult<NeighTable> {
  const reader = new NeighReader(file);
  forEachTokenLine(text, (line, tokens) => reader.read(line, tokens));
  return { value: { entries: reader.entries, files: [file] }, diagnostics: reader.diags };
}
