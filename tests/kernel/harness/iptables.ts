/** Hand-written iptables-restore input: built-in chains with their policies, user chains, rules. */
type TableName = 'raw' | 'mangle' | 'nat' | 'filter';

const BUILTIN: Record<TableName, string[]> = {
  raw: ['PREROUTING', 'OUTPUT'],
  mangle: ['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING'],
  nat: ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'],
  filter: ['INPUT', 'FORWARD', 'OUTPUT'],
};

export interface TableSpec {
  /** Built-in chain → policy (default ACCEPT). */
  policies?: Record<string, 'ACCEPT' | 'DROP'>;
  /** User-defined chains. */
  chains?: string[];
  /** `-A ...` lines, in order. */
  rules: string[];
}

export function restoreInput(tables: Partial<Record<TableName, TableSpec>>, comment = 'hand-written'): string {
  const out = [`# ${comment}, loaded with iptables-restore by the kernel conformance suite`];
  for (const name of ['raw', 'mangle', 'nat', 'filter'] as const) {
    const t = tables[name];
    if (!t) continue;
    out.push(`*${name}`);
    for (const ch of BUILTIN[name]) out.push(`:${ch} ${t.policies?.[ch] ?? 'ACCEPT'} [0:0]`);
    for (const ch of t.chains ?? []) out.push(`:${ch} - [0:0]`);
    out.push(...t.rules, 'COMMIT');
  }
  return `${out.join('\n')}\n`;
}
