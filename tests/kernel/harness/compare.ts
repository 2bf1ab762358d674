/**
 * Kernel vs engine. The kernel is the judge: every difference is reported as a disagreement
 * with both sides written out.
 *
 * Compared, for the request packet:
 *   - the rules that matched in the node, in order, as CHAIN:LINE of the node's iptables-save
 *     dump (the kernel's nft trace also prints base chains entered and chain policies, also of
 *     empty base chains; those are not rules and are not compared);
 *   - the outcome (delivered / dropped / rejected) and, when delivered, which namespace got it;
 *   - when delivered, the final addresses and ports: what the receiver saw (peer = source,
 *     local = destination) and conntrack's reply tuple. A source port the engine itself calls
 *     random (MASQUERADE --random-fully, assumption assume.randomPort) is not compared;
 *   - when rejected, how (ICMP type or TCP reset, from tcpdump at the client).
 */
import type { EngineObservation, KernelObservation } from './types';

function ep(ip: string, port: number): string {
  return `${ip}:${port}`;
}

const REJECT_ALIASES: Record<string, string> = {
  'icmp-port-unreachable': 'icmp-port-unreachable', 'port-unreach': 'icmp-port-unreachable',
  'icmp-host-unreachable': 'icmp-host-unreachable', 'host-unreach': 'icmp-host-unreachable',
  'icmp-net-unreachable': 'icmp-net-unreachable', 'net-unreach': 'icmp-net-unreachable',
  'icmp-host-prohibited': 'icmp-host-prohibited', 'host-prohib': 'icmp-host-prohibited',
  'icmp-net-prohibited': 'icmp-net-prohibited', 'net-prohib': 'icmp-net-prohibited',
  'icmp-admin-prohibited': 'icmp-admin-prohibited', 'admin-prohib': 'icmp-admin-prohibited',
  'tcp-reset': 'tcp-reset', 'tcp-rst': 'tcp-reset',
};

export function compare(k: KernelObservation, e: EngineObservation): string[] {
  const d: string[] = [];
  const same = k.rules.length === e.rules.length && k.rules.every((r, i) => r === e.rules[i]);
  if (!same) {
    d.push(`matched rules differ (${e.via}):\n    kernel: ${k.rules.join(' ') || '(none)'}\n    engine: ${e.rules.join(' ') || '(none)'}`);
  }
  if (k.outcome !== e.outcome || (k.outcome === 'delivered' && k.at !== e.at)) {
    d.push(`outcome differs (${e.via}): kernel ${k.outcome}${k.at ? ` at ${k.at}` : ''}, engine ${e.outcome}${e.at ? ` at ${e.at}` : ''}`);
  }
  if (k.outcome === 'delivered' && e.outcome === 'delivered') {
    const f = e.final;
    if (!f) {
      d.push(`engine (${e.via}) has no final packet`);
    } else {
      if (k.seen) {
        if (ep(k.seen.dst, k.seen.dport) !== ep(f.dst, f.dport)) d.push(`final destination differs (${e.via}): receiver saw ${ep(k.seen.dst, k.seen.dport)}, engine ${ep(f.dst, f.dport)}`);
        if (k.seen.src !== f.src || (!e.randomPort && k.seen.sport !== f.sport)) {
          d.push(`final source differs (${e.via}): receiver saw ${ep(k.seen.src, k.seen.sport)}, engine ${ep(f.src, f.sport)}${e.randomPort ? ' (port not compared: random)' : ''}`);
        }
      }
      const ct = k.conntrack;
      if (ct) {
        // The reply tuple is the inverse of the packet as it left NAT: reply.src = final dst, reply.dst = final src.
        if (ep(ct.reply.src, ct.reply.sport) !== ep(f.dst, f.dport)) d.push(`conntrack reply source ${ep(ct.reply.src, ct.reply.sport)} != engine final destination ${ep(f.dst, f.dport)} (${e.via})`);
        if (ct.reply.dst !== f.src || (!e.randomPort && ct.reply.dport !== f.sport)) d.push(`conntrack reply destination ${ep(ct.reply.dst, ct.reply.dport)} != engine final source ${ep(f.src, f.sport)} (${e.via})`);
      }
    }
  }
  if (k.outcome === 'rejected' && e.outcome === 'rejected' && e.via === 'api') {
    const want = k.rejectWith;
    const got = e.rejectWith ? REJECT_ALIASES[e.rejectWith] ?? e.rejectWith : null;
    if (want !== got) d.push(`reject kind differs: client saw ${want ?? 'nothing'}, engine rejects with ${e.rejectWith ?? '(unspecified)'}`);
  }
  if (e.errors.length) d.push(`engine diagnostics (errors) on the real dumps:\n    ${e.errors.join('\n    ')}`);
  return d;
}

/** Chi-square critical values at p = 1e-6 (df 1..6): a correct engine fails about once in a million runs. */
const CHI2_CRIT_1E6 = [0, 23.93, 27.63, 30.66, 33.38, 35.89, 38.26];

export interface DistributionCheck {
  ok: boolean;
  chi2: number;
  df: number;
  critical: number;
  rows: { at: string; observed: number; expected: number; probability: number }[];
  message: string;
}

export function checkDistribution(observed: Record<string, number>, failures: number, expectedProb: Record<string, number>): DistributionCheck {
  const n = Object.values(observed).reduce((a, b) => a + b, 0);
  const names = [...new Set([...Object.keys(observed), ...Object.keys(expectedProb)])].sort();
  const rows = names.map((at) => ({ at, observed: observed[at] ?? 0, probability: expectedProb[at] ?? 0, expected: n * (expectedProb[at] ?? 0) }));
  let chi2 = 0;
  let impossible = false;
  for (const r of rows) {
    if (r.expected === 0) {
      if (r.observed > 0) impossible = true;
      continue;
    }
    chi2 += (r.observed - r.expected) ** 2 / r.expected;
  }
  const df = rows.filter((r) => r.expected > 0).length - 1;
  const critical = CHI2_CRIT_1E6[Math.min(df, CHI2_CRIT_1E6.length - 1)] ?? 40;
  const ok = failures === 0 && !impossible && df >= 0 && chi2 <= critical;
  const table = rows.map((r) => `${r.at}: kernel ${r.observed}, engine p=${r.probability.toFixed(4)} → expected ${r.expected.toFixed(1)}`).join('; ');
  const message = `${n} connections (${failures} failed): ${table}; chi2=${chi2.toFixed(2)} (df ${df}, limit ${critical} at p=1e-6)${impossible ? '; the kernel chose an endpoint the engine gives probability 0' : ''}`;
  return { ok, chi2, df, critical, rows, message };
}
