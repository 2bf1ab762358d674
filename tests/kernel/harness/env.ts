/**
 * Can this machine run the kernel suite? It needs root and working network namespaces. When
 * root and a tool is missing, the tools are installed with apt-get (the suite must work on a
 * fresh Debian machine with only node and npm). Anything else makes the suite skip, loudly.
 */
import { spawnSync } from 'node:child_process';

const TOOLS: Record<string, string> = {
  ip: 'iproute2', bridge: 'iproute2', tc: 'iproute2', iptables: 'iptables', 'iptables-save': 'iptables', 'iptables-restore': 'iptables',
  nft: 'nftables', conntrack: 'conntrack', tcpdump: 'tcpdump', nc: 'netcat-openbsd', ipset: 'ipset', flock: 'util-linux', awk: 'gawk',
};
const APT_PACKAGES = ['iptables', 'nftables', 'iproute2', 'conntrack', 'tcpdump', 'netcat-openbsd', 'ipset'];

function sh(cmd: string, timeout = 30_000) {
  const r = spawnSync('bash', ['-c', cmd], { encoding: 'utf8', timeout });
  return { ok: r.status === 0, out: `${r.stdout ?? ''}${r.stderr ?? ''}`.trim() };
}

function missingTools(): string[] {
  return Object.keys(TOOLS).filter((t) => !sh(`command -v ${t}`).ok);
}

export interface KernelEnv {
  ok: boolean;
  reason?: string;
  notes: string[];
}

export function checkKernelEnv(): KernelEnv {
  const notes: string[] = [];
  if (process.platform !== 'linux') return { ok: false, reason: `not Linux (${process.platform})`, notes };
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) {
    return { ok: false, reason: 'not root (network namespaces need root; run as root, e.g. sudo npm run test:kernel)', notes };
  }
  let missing = missingTools();
  if (missing.length) {
    notes.push(`installing missing tools (${missing.join(', ')}) with apt-get`);
    const install = sh(`command -v apt-get >/dev/null && apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${APT_PACKAGES.join(' ')}`, 600_000);
    missing = missingTools();
    if (missing.length) {
      return { ok: false, reason: `missing tools ${missing.join(', ')} and apt-get could not install them: ${install.out.split('\n').slice(-3).join(' | ')}`, notes };
    }
  }
  // iptables must be the nf_tables backend: the kernel's record is an nft trace.
  const version = sh('iptables --version');
  if (!/nf_tables/.test(version.out)) return { ok: false, reason: `iptables is not the nf_tables backend (${version.out})`, notes };
  // br_netfilter: bridged traffic through iptables, as Kubernetes and Docker require.
  sh('modprobe br_netfilter 2>/dev/null');
  const probe = `hsk-probe-${process.pid}`;
  const made = sh(`ip netns add ${probe} && ip netns exec ${probe} ip link set lo up && ip netns exec ${probe} nft list tables`);
  const brnf = sh(`ip netns exec ${probe} test -e /proc/sys/net/bridge/bridge-nf-call-iptables`);
  sh(`ip netns del ${probe} 2>/dev/null`);
  if (!made.ok) return { ok: false, reason: `ip netns does not work here: ${made.out}`, notes };
  if (!brnf.ok) return { ok: false, reason: 'br_netfilter is not available (no /proc/sys/net/bridge in a netns)', notes };
  return { ok: true, notes };
}
