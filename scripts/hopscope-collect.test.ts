/**
 * Runs scripts/hopscope-collect.sh for real: builds a small "node" in network namespaces named
 * `hsc-*` (a bridge, a pod veth, a VXLAN device with a default FDB destination, a permanent
 * neighbour, DNAT and MASQUERADE rules, one DNAT'd flow), runs the script inside the node
 * namespace under dash (and busybox sh when installed), and checks that `splitBundle` finds the
 * expected sections and that every section parses without errors. Needs root; without it the
 * test says so loudly and checks only the script's syntax.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Diagnostic, ParseResult } from '../src/engine/diagnostics';
import { relocateResult, splitBundle, type BundleSection } from '../src/engine/formats/bundle';
import { parseBridgeFdb } from '../src/engine/formats/bridge-fdb/parse';
import { conntrackNat } from '../src/engine/formats/conntrack/nat';
import { parseConntrack } from '../src/engine/formats/conntrack/parse';
import { parseIpAddr } from '../src/engine/formats/ip-link/parse';
import { parseIpNeigh } from '../src/engine/formats/ip-neigh/parse';
import { parseIpRoute } from '../src/engine/formats/ip-route/parse';
import { parseIpRule } from '../src/engine/formats/ip-route/parse-rule';
import { parseIpset } from '../src/engine/formats/ipset/parse';
import { parseIptablesList, parseIptablesRules, parseIptablesSave } from '../src/engine/formats/iptables';
import { parseIpvsadm } from '../src/engine/formats/ipvsadm/parse';
import { parseKubectlNodes, parseKubectlPods, parseKubectlServices } from '../src/engine/formats/kubectl';

const SCRIPT = fileURLToPath(new URL('./hopscope-collect.sh', import.meta.url));
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const which = (program: string) => ['/bin', '/usr/bin', '/sbin', '/usr/sbin'].some((d) => existsSync(`${d}/${program}`));

const PARSERS: Partial<Record<BundleSection['format'], (text: string, file: string) => ParseResult<unknown>>> = {
  'ip-addr': parseIpAddr, 'ip-route': parseIpRoute, 'ip-rule': parseIpRule, 'ip-neigh': parseIpNeigh,
  'bridge-fdb': parseBridgeFdb, 'iptables-save': parseIptablesSave, 'iptables-rules': parseIptablesRules,
  'iptables-list': parseIptablesList, ipset: parseIpset, conntrack: parseConntrack, ipvsadm: parseIpvsadm,
  'kubectl-pods': parseKubectlPods, 'kubectl-svc': parseKubectlServices, 'kubectl-nodes': parseKubectlNodes,
};

// Builds the node, runs the script in it, and removes every namespace it made, whatever happens.
const LAB = `
set -eu
N=hsc-$$-node
A=hsc-$$-pod
cleanup() { ip netns del "$A" 2>/dev/null || true; ip netns del "$N" 2>/dev/null || true; }
trap cleanup EXIT
trap 'exit 130' INT TERM
ip netns add "$N"
ip netns add "$A"
ip -n "$N" link set lo up
ip -n "$N" link add br0 type bridge
ip -n "$N" link set br0 up
ip -n "$N" addr add 10.244.0.1/24 dev br0
ip -n "$N" link add vethA type veth peer name eth0 netns "$A"
ip -n "$N" link set vethA master br0
ip -n "$N" link set vethA up
ip -n "$A" link set lo up
ip -n "$A" link set eth0 up
ip -n "$A" addr add 10.244.0.5/24 dev eth0
ip -n "$A" route add default via 10.244.0.1
ip -n "$N" link add vx0 type vxlan id 42 dstport 4789
ip -n "$N" link set vx0 up
ip netns exec "$N" bridge fdb append 00:00:00:00:00:00 dev vx0 dst 192.168.56.12
ip -n "$N" neigh add 10.244.0.9 dev br0 lladdr 52:54:00:aa:bb:cc nud permanent
ip -n "$N" route add default via 10.244.0.9 dev br0
ip netns exec "$N" iptables -t nat -A POSTROUTING -s 10.244.0.0/24 ! -d 10.244.0.0/24 -j MASQUERADE
ip netns exec "$N" iptables -t nat -A OUTPUT -d 10.96.0.10/32 -p udp --dport 53 -j DNAT --to-destination 10.244.0.5:53
ip netns exec "$N" "$NODE_BIN" -e "const s=require('dgram').createSocket('udp4');s.send('q',53,'10.96.0.10',()=>setTimeout(()=>s.close(),100))"
ip netns exec "$N" $COLLECT_SHELL "$COLLECT" -n hsc-node -p
`;

function runLab(shell: string): { out: string; pod: string } {
  const result = execFileSync('sh', ['-c', LAB], {
    env: { ...process.env, NODE_BIN: process.execPath, COLLECT: SCRIPT, COLLECT_SHELL: shell },
    encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000, maxBuffer: 256 * 1024 * 1024,
  });
  // The pod namespace's name has the lab shell's PID in it; the bundle says which it was.
  const pod = /^### hopscope-netns: (hsc-\d+-pod)$/m.exec(result)?.[1] ?? '';
  return { out: result, pod };
}

const errors = (diags: Diagnostic[]) => diags.filter((d) => d.severity === 'error');

function checkBundle(out: string, pod: string): void {
  const { value: sections, diagnostics } = splitBundle(out, 'node.bundle');
  expect(errors(diagnostics)).toEqual([]);
  expect(sections.every((s) => s.node === 'hsc-node')).toBe(true);
  const root = sections.filter((s) => s.netns === undefined);
  expect(root.map((s) => s.command)).toEqual(expect.arrayContaining([
    'ip -d addr', 'ip route show table all', 'ip rule', 'ip neigh', 'bridge fdb show', 'iptables-save', 'ip6tables-save',
    'conntrack -L', 'sysctl -e net.ipv4.ip_forward net.bridge.bridge-nf-call-iptables net.ipv4.conf.all.rp_filter',
  ]));
  expect(root.find((s) => s.command === 'ip -d addr')!.format).toBe('ip-addr');
  expect(root.find((s) => s.command === 'ip6tables-save')).toMatchObject({ format: 'unknown', tool: 'ip6tables-save' });
  // The node's own namespace is not listed again among `ip netns list`.
  expect(sections.some((s) => s.netns?.endsWith('-node'))).toBe(false);

  const parsed = new Map<BundleSection, ParseResult<unknown>>();
  for (const s of sections) {
    const parse = PARSERS[s.format];
    if (!parse) continue;
    const r = relocateResult(parse(s.text, 'node.bundle'), s);
    expect(errors(r.diagnostics), `${s.netns ?? 'root'}: ${s.command}`).toEqual([]);
    for (const d of r.diagnostics) expect(d.line).toBeGreaterThan(s.startLine - (s.origin === 'prompt' ? 1 : 0));
    parsed.set(s, r);
  }
  const get = <T>(command: string, netns?: string) =>
    parsed.get(sections.find((s) => s.command === command && s.netns === netns)!)!.value as T;

  const neigh = get<ReturnType<typeof parseIpNeigh>['value']>('ip neigh');
  expect(neigh.entries).toContainEqual(expect.objectContaining({ ip: '10.244.0.9', dev: 'br0', mac: '52:54:00:aa:bb:cc', state: 'PERMANENT' }));
  const fdb = get<ReturnType<typeof parseBridgeFdb>['value']>('bridge fdb show');
  expect(fdb.entries).toContainEqual(expect.objectContaining({ mac: '00:00:00:00:00:00', dev: 'vx0', dst: '192.168.56.12', isDefault: true, self: true }));
  const routes = get<ReturnType<typeof parseIpRoute>['value']>('ip route show table all');
  expect(routes.routes.some((r) => r.dstText === 'default' && r.via === '10.244.0.9')).toBe(true);
  expect(routes.hasLocalTable).toBe(true);
  const ct = get<ReturnType<typeof parseConntrack>['value']>('conntrack -L');
  const flow = ct.entries.find((e) => e.orig.dst === '10.96.0.10');
  expect(flow).toBeDefined();
  expect(conntrackNat(flow!)).toMatchObject({ dnat: true, dnatTo: { addr: '10.244.0.5', port: 53 } });

  expect(pod).not.toBe('');
  const podRoutes = get<ReturnType<typeof parseIpRoute>['value']>(`ip -n ${pod} route show table all`, pod);
  expect(podRoutes.routes.some((r) => r.dstText === 'default' && r.via === '10.244.0.1' && r.dev === 'eth0')).toBe(true);
  const podLinks = get<ReturnType<typeof parseIpAddr>['value']>(`ip -n ${pod} -d addr`, pod);
  expect(podLinks.links.map((l) => l.name)).toContain('eth0');
}

describe('scripts/hopscope-collect.sh', () => {
  it('is valid POSIX sh (dash, and busybox sh when installed)', () => {
    execFileSync('sh', ['-n', SCRIPT]);
    if (which('busybox')) execFileSync('busybox', ['sh', '-n', SCRIPT]);
  });

  it('collects a node bundle that splitBundle and the parsers read without errors', () => {
    if (!isRoot) {
      console.warn('\n*** scripts/hopscope-collect.test.ts: NOT ROOT — the collect script was NOT run against real network namespaces. Run the tests as root to check it. ***\n');
      return;
    }
    const shells = ['sh', ...(which('busybox') ? ['busybox sh'] : [])];
    for (const shell of shells) {
      const { out, pod } = runLab(shell);
      checkBundle(out, pod);
    }
    if (shells.length === 1) console.warn('scripts/hopscope-collect.test.ts: busybox is not installed; the script ran under dash only.');
  }, 120_000);
});
