/**
 * Tables iptables-nft (and ebtables-nft/arptables-nft) created: `nft list ruleset` shows them, but
 * their matches and targets are partly `xt` compat expressions whose options it cannot print, and
 * comments vanish. They are flagged so the user is asked for `iptables-save` output instead.
 */
import { diagnostic, type Diagnostic } from '../../diagnostics';
import type { NftTable } from './types';
import { msg, type Msg } from '../../explain/message';
import { renderMessage } from '../../explain/render';

const IPTABLES_TABLES = new Set(['filter', 'nat', 'mangle', 'raw', 'security', 'broute']);
const BUILTIN_CHAINS = new Set(['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING', 'BROUTING']);

/** Why `table` looks like iptables-nft's, or null. */
function evidence(table: NftTable, warned: Set<string>): Msg | null {
  if (warned.has(`${table.family} ${table.name}`)) return msg('diag.NFT010.why.printed', { family: table.family, name: table.name });
  if (!IPTABLES_TABLES.has(table.name) || table.family === 'inet' || table.family === 'netdev') return null;
  const bases = table.chains.filter((c) => c.base);
  if (bases.length === 0 || !bases.every((c) => BUILTIN_CHAINS.has(c.name))) return null;
  const rules = table.chains.flatMap((c) => c.rules);
  if (rules.some((r) => r.statements.some((s) => s.kind === 'xt'))) return msg('diag.NFT010.why.xt');
  if (rules.length > 0 && rules.every((r) => r.statements.some((s) => s.kind === 'counter' && s.packets !== undefined))) {
    return msg('diag.NFT010.why.counters');
  }
  return null;
}

/**
 * Sets `managedByIptables` on the tables iptables-nft manages and reports each once (`NFT010`).
 *
 * @example markIptablesTables(tables, new Set(['ip nat']), diags);
 */
export function markIptablesTables(tables: NftTable[], warned: Set<string>, diags: Diagnostic[]): void {
  for (const table of tables) {
    const why = evidence(table, warned);
    if (why === null) continue;
    table.managedByIptables = true;
    table.iptablesEvidence = renderMessage(why);
    diags.push(diagnostic('NFT010', table.span, msg('diag.NFT010.tableManagedByIptables', { tableFamily: table.family, tableName: table.name, why }), 'warning',
      msg('diag.hint.runIptablesSaveOn', { command: table.family === 'ip6' ? 'ip6tables-save' : 'iptables-save' })));
  }
}
