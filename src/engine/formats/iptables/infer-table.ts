/**
 * Guessing which table an `iptables -S` or `iptables -L` paste came from, since neither prints
 * it. Only evidence that rules a table out counts:
 *  1. DNAT/SNAT/MASQUERADE/REDIRECT/NETMAP targets exist only in nat;
 *  2. kube-proxy creates KUBE-SVC-*, KUBE-SEP-*, KUBE-EXT-*, KUBE-FW-*, KUBE-MARK-MASQ,
 *     KUBE-MARK-DROP and KUBE-POSTROUTING only in nat (as chains or as jump targets), and hooks
 *     KUBE-SERVICES from PREROUTING only in nat;
 *  3. built-in chain names: filter has no PREROUTING/POSTROUTING, nat has no FORWARD, raw has
 *     only PREROUTING and OUTPUT.
 * A table the caller already has (a parameter or a prompt line) is kept unless the evidence
 * contradicts it.
 */
import type { SourceSpan } from '../../diagnostics';
import { BUILTIN_CHAINS, NAT_ONLY_TARGETS } from './extensions';
import { TABLE_NAMES, type TableName } from './types';
import { msg, type Msg } from '../../explain/message';

export interface TableEvidence {
  /** Chains seen (declared, given a policy, or holding rules), each with where it was seen. */
  chains: { name: string; span: SourceSpan }[];
  /** Rule targets with the chain they are in. */
  targets: { chain: string; target: string; span: SourceSpan }[];
}

export interface TableGuess {
  table: TableName;
  /** Why, for the info diagnostic: "target DNAT exists only in the nat table". */
  reason: Msg;
  /** Where the deciding evidence is. */
  span: SourceSpan;
}

const BUILTIN_NAMES = new Set(['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING']);
const KUBE_NAT_PREFIXES = ['KUBE-SVC-', 'KUBE-SVL-', 'KUBE-SEP-', 'KUBE-EXT-', 'KUBE-FW-', 'KUBE-XLB-'];
const KUBE_NAT_CHAINS = new Set(['KUBE-MARK-MASQ', 'KUBE-MARK-DROP', 'KUBE-POSTROUTING', 'KUBE-NODE-PORT', 'KUBE-LOAD-BALANCER']);
/** When names alone allow several tables: filter (iptables' default), then nat, which users paste most. */
const PREFERENCE: readonly TableName[] = ['filter', 'nat', 'mangle', 'raw', 'security'];

function isKubeNatChain(name: string): boolean {
  return KUBE_NAT_CHAINS.has(name) || KUBE_NAT_PREFIXES.some((p) => name.startsWith(p));
}

function natEvidence(evidence: TableEvidence): TableGuess | null {
  for (const t of evidence.targets) {
    if (NAT_ONLY_TARGETS.has(t.target)) return { table: 'nat', reason: msg('diag.IPT002.why.natTarget', { target: t.target }), span: t.span };
    if (t.chain === 'PREROUTING' && t.target === 'KUBE-SERVICES') {
      return { table: 'nat', reason: msg('diag.IPT002.why.kubeServices'), span: t.span };
    }
    if (isKubeNatChain(t.target)) return { table: 'nat', reason: msg('diag.IPT002.why.kubeChain', { chain: t.target }), span: t.span };
  }
  for (const c of evidence.chains) {
    if (isKubeNatChain(c.name)) return { table: 'nat', reason: msg('diag.IPT002.why.kubeChain', { chain: c.name }), span: c.span };
  }
  return null;
}

/**
 * Returns a table that fits the evidence better than `given`, or null when `given` fits (or,
 * with no `given`, when nothing points anywhere: the caller then uses filter, iptables' default).
 *
 * @example
 * inferTable({ chains: [], targets: [{ chain: 'X', target: 'DNAT', span }] }, 'filter')?.table; // 'nat'
 */
export function inferTable(evidence: TableEvidence, given: TableName | null): TableGuess | null {
  const nat = natEvidence(evidence);
  if (nat) return given === 'nat' ? null : nat;
  const builtins = evidence.chains.filter((c) => BUILTIN_NAMES.has(c.name));
  if (builtins.length === 0) return null;
  const fits = (table: TableName): boolean => builtins.every((c) => BUILTIN_CHAINS[table].includes(c.name));
  if (given !== null && fits(given)) return null;
  const names = new Set(builtins.map((c) => c.name));
  if (given === null && names.size === 1 && names.has('OUTPUT')) return null; // every table has OUTPUT
  const candidates = TABLE_NAMES.filter(fits);
  // INPUT/FORWARD/OUTPUT is filter; PREROUTING or POSTROUTING without FORWARD is nat; all five is mangle.
  const pick = candidates.length === 0 ? null : [...PREFERENCE].find((t) => candidates.includes(t)) ?? null;
  if (pick === null || pick === given) return null;
  const first = builtins.find((c) => !BUILTIN_CHAINS.filter.includes(c.name)) ?? builtins[0];
  if (!first) return null;
  const list = [...names].join(', ');
  return { table: pick, reason: msg('diag.IPT002.why.builtins', { list, table: pick }), span: first.span };
}
