/**
 * The hook line of a base chain: `type filter hook input priority dstnat - 10; policy drop;`,
 * `type filter hook ingress device "eth0" priority -500;`, `devices = { a, b }`, or a lone
 * `policy drop;` line.
 */
import { diagnostic, type Diagnostic, type SourceSpan } from '../../diagnostics';
import type { NftToken } from './lexer';
import { resolvePriority } from './priority';
import type { NftBaseChain, NftChain, NftFamily } from './types';
import { msg } from '../../explain/message';

/**
 * Applies one declaration line (comments already removed) to `chain`, making it a base chain.
 *
 * @example applyBaseChainLine(chain, 'ip', lexNft('type nat hook output priority -100; policy accept;', 'f', []), 'f', diags);
 */
export function applyBaseChainLine(chain: NftChain, family: NftFamily, line: NftToken[], file: string, diags: Diagnostic[]): void {
  if (line.length === 0) return;
  const span = (first: NftToken, last: NftToken = first): SourceSpan =>
    ({ file, line: first.line, column: first.column, endColumn: last.line === first.line ? last.endColumn : first.endColumn });
  const base: NftBaseChain = chain.base ?? { type: '', hook: '', devices: [], priority: { value: null, text: '' }, policy: 'accept' };
  let ok = true;
  for (let i = 0; i < line.length; i++) {
    const w = line[i]!.text;
    const next = line[i + 1];
    if (w === ';') continue;
    if ((w === 'type' || w === 'hook' || w === 'device' || w === 'policy') && next && (next.kind === 'word' || next.kind === 'string')) {
      if (w === 'type') base.type = next.text;
      else if (w === 'hook') base.hook = next.text;
      else if (w === 'device') base.devices = [next.text];
      else if (next.text === 'accept' || next.text === 'drop') base.policy = next.text;
      else ok = false;
      i++;
    } else if (w === 'devices') {
      const close = line.findIndex((t, k) => k > i && t.text === '}');
      base.devices = line.slice(i + 1, close < 0 ? line.length : close).filter((t) => t.kind === 'word' || t.kind === 'string').map((t) => t.text);
      i = close < 0 ? line.length : close;
    } else if (w === 'priority') {
      const end = line.findIndex((t, k) => k > i && t.text === ';');
      const words = line.slice(i + 1, end < 0 ? line.length : end).map((t) => t.text);
      base.priority = resolvePriority(family, words);
      if (base.priority.value === null) {
        // The priority's words, or the keyword itself when none follow it (`priority ;`).
        const last = (end < 0 ? line.length : end) - 1;
        const at = last > i ? span(line[i + 1]!, line[last]) : span(line[i]!, line[i]);
        diags.push(diagnostic('NFT005', at, msg('diag.NFT005.priorityNumberStandardName', { basePriorityText: base.priority.text, family }), 'warning'));
      }
      i = end < 0 ? line.length : end;
    } else ok = false;
  }
  if (!ok || (chain.base === undefined && (base.type === '' || base.hook === ''))) {
    diags.push(diagnostic('NFT004', span(line[0]!, line[line.length - 1]), undefined, 'warning'));
  }
  if (base.type !== '' || base.hook !== '') chain.base = base;
}
