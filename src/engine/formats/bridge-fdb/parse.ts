/**
 * `bridge fdb show` output → `FdbTable`. Line by line, never throwing; prompts, comments and
 * code fences are skipped, and a pasted `bridge fdb show dev X` supplies the device its lines omit.
 */
import { diagnostic, type Diagnostic, type ParseResult } from '../../diagnostics';
import { forEachTokenLine, isPromptOrNoise, promptCommand, tokenSpan, type Token } from '../ip-link/text-lines';
import { promptFdbDev } from '../ip-neigh/prompt-filter';
import { parseFdbLine } from './fdb-line';
import type { FdbEntry, FdbTable } from './types';
import { msg } from '../../explain/message';

class FdbReader {
  readonly diags: Diagnostic[] = [];
  readonly entries: FdbEntry[] = [];
  private dev = '';
  private missingDevNoted = false;
  private readonly noted = new Set<string>();

  constructor(private readonly file: string) {}

  read(line: number, tokens: Token[]): void {
    if (isPromptOrNoise(tokens)) {
      const dev = promptFdbDev(promptCommand(tokens));
      if (dev !== undefined) this.dev = dev ?? '';
      return;
    }
    const result = parseFdbLine(tokens, this.file, line, this.dev, this.diags);
    if (result.kind !== 'entry') return;
    const { entry, unknown } = result;
    if (entry.dev === '' && !this.missingDevNoted) {
      this.missingDevNoted = true;
      this.diags.push(diagnostic('FDB001', entry.span,
        msg('diag.FDB001.entryNamesNoDevice'), 'warning',
        msg('diag.hint.pasteBridgeFdbShow')));
    }
    const fresh = unknown.filter((t) => !this.noted.has(t.text));
    const first = fresh[0];
    if (first) {
      for (const t of fresh) this.noted.add(t.text);
      const more = fresh.length > 1 ? msg('diag.andMore', { count: fresh.length - 1 }) : '';
      this.diags.push(diagnostic('FDB004', tokenSpan(this.file, line, first), msg('diag.FDB004.fdbAttributeUnderstoodIgnored', { firstText: first.text, more }), 'info'));
    }
    this.entries.push(entry);
  }
}

/**
 * Parses `bridge fdb show` (also `bridge fdb show br X`, `bridge -s fdb`, `bridge monitor fdb` lines).
 * Flannel's VTEP entries (`MAC dev flannel.1 dst 192.168.56.12 self permanent`) carry `dst`;
 * `00:00:00:00:00:00 dev vxlan0 dst ...` entries are default destinations (`isDefault`). Never throws.
 *
 * @example
 * const { value } = parseBridgeFdb('a2:7f:3c:11:4e:01 dev flannel.1 dst 192.168.56.12 self permanent\n' +
 *   '6e:a1:42:9a:33:0c dev veth1a2b3c4d master cni0 \n', 'fdb.txt');
 * value.entries[0].dst; // '192.168.56.12'
 * value.entries[1].master; // 'cni0'
 */
export function parseBridgeFdb(text: string, file: string): ParseResult<FdbTable> {
  const reader = new FdbReader(file);
  forEachTokenLine(text, (line, tokens) => reader.read(line, tokens));
  return { value: { entries: reader.entries, files: [file] }, diagnostics: reader.diags };
}
