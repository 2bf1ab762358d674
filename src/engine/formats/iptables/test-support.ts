/**
 * Helpers shared by the iptables parser tests: fixture loading, column lookup (so tests state
 * positions by the text they point at, not by counting), invariants every parse result must
 * hold, and fast-check arbitraries that damage fixtures the way real pastes get damaged.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import type { Diagnostic } from '../../diagnostics';
import { splitLines } from './lines';
import type { Chain, IptablesRuleset, Rule } from './types';

const here = dirname(fileURLToPath(import.meta.url));

export function fixture(name: string): string {
  return readFileSync(join(here, 'fixtures', name), 'utf8');
}

/** 1-based column of the `nth` occurrence of `needle` on 1-based line `line` of `text`. */
export function col(text: string, line: number, needle: string, nth = 1): number {
  const content = splitLines(text)[line - 1]?.text ?? '';
  let at = -1;
  for (let i = 0; i < nth; i++) at = content.indexOf(needle, at + 1);
  if (at < 0) throw new Error(`"${needle}" not found on line ${line}: ${content}`);
  return at + 1;
}

/** 1-based number of the first line containing `needle`. */
export function lineOf(text: string, needle: string): number {
  const index = splitLines(text).findIndex((l) => l.text.includes(needle));
  if (index < 0) throw new Error(`"${needle}" not found`);
  return index + 1;
}

export function chain(rs: IptablesRuleset, table: string, name: string): Chain {
  const c = rs.tables.get(table as never)?.chains.get(name);
  if (!c) throw new Error(`no chain ${table}/${name}`);
  return c;
}

export function rule(rs: IptablesRuleset, id: string): Rule {
  const [table = '', rest = ''] = id.split('/');
  const [name = '', pos = '0'] = rest.split('#');
  const r = chain(rs, table, name).rules[Number(pos) - 1];
  if (!r) throw new Error(`no rule ${id}`);
  return r;
}

/** Deep copy without `span` keys, for comparing structures. */
export function stripSpans<T>(value: T): T {
  return JSON.parse(JSON.stringify(value, (key, v: unknown) => (key === 'span' ? undefined : v))) as T;
}

/** Every diagnostic points inside the text: line ≥ 1 and ≤ line count, 1 ≤ column ≤ length + 1. */
export function positionsValid(text: string, diagnostics: Diagnostic[]): boolean {
  const lines = splitLines(text);
  return diagnostics.every((d) => {
    const l = lines[d.line - 1];
    if (!l || d.column < 1 || d.column > l.text.length + 1) return false;
    return d.endColumn === undefined || (d.endColumn >= d.column && d.endColumn <= l.text.length + 1);
  });
}

/** Every rule and its parts point inside the text too. */
export function rulePositionsValid(text: string, rs: IptablesRuleset): boolean {
  const spans: { line: number; column: number; endColumn?: number }[] = [];
  for (const t of rs.tables.values()) {
    for (const c of t.chains.values()) {
      for (const r of c.rules) {
        spans.push(r.span);
        for (const m of r.matches) {
          spans.push(m.span);
          if (m.kind === 'module') m.options.forEach((o) => spans.push(o.span));
        }
        if (r.target) spans.push(r.target.span, ...r.target.options.map((o) => o.span));
      }
    }
  }
  return positionsValid(text, spans.map((s) => ({ ...s, file: 'x', code: 'IPT013', severity: 'info', message: '', text: { key: 'diag.IPT013' } })));
}

const NOISE = ['!', '"', '\\', '-A', '-m', '-j', '--dport', '*nat', 'COMMIT', ':X - [0:0]', '[0:0]', '/*', '*/', '\t', '-s', '-p', '--', 'Chain', '(policy', '\r', '\uFEFF', '\u00a0'];

/** A fixture damaged like real pastes: truncated, lines shuffled or dropped, words inserted. */
export function mutated(text: string): fc.Arbitrary<string> {
  const lines = text.split('\n');
  const token = fc.oneof(fc.constantFrom(...NOISE), fc.string({ maxLength: 6 }));
  return fc.oneof(
    fc.nat(text.length).map((n) => text.slice(0, n)),
    fc.shuffledSubarray(lines, { minLength: 0, maxLength: lines.length }).map((ls) => ls.join('\n')),
    fc.array(fc.tuple(fc.nat(lines.length), fc.nat(200), token), { minLength: 1, maxLength: 8 }).map((edits) => {
      const copy = [...lines];
      for (const [li, at, word] of edits) {
        const l = copy[li % Math.max(1, copy.length)] ?? '';
        copy[li % Math.max(1, copy.length)] = `${l.slice(0, at)} ${word} ${l.slice(at)}`;
      }
      return copy.join('\n');
    }),
    fc.array(fc.nat(text.length), { minLength: 1, maxLength: 20 }).map((cuts) => {
      let t = text;
      for (const c of cuts) t = t.slice(0, c % Math.max(1, t.length)) + t.slice((c % Math.max(1, t.length)) + 1);
      return t;
    }),
  );
}
