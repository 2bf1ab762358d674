/**
 * Kernel-made scenarios: each scenario below is one node (Kubernetes with flannel and cni0, or a
 * Docker host) built in network namespaces by the kernel suite's harness (tests/kernel/harness,
 * the same topology presets and kube-proxy / Docker rule generators its cases use), with the
 * scenario's packet(s) sent and traced (`nft monitor trace`, conntrack, tcpdump). The dumps the
 * node and its pods print are copied into `scenarios/<id>/`, and `kernel.md` records what the
 * kernel matched, so src/engine/kernel-records.test.ts checks the engine against it.
 *
 *   sudo flock /tmp/hopscope-kernel.lock npx tsx scripts/lab/scenarios/make-scenarios.ts [ID...]
 *
 * Namespaces are `hss-<pid>-<role>` (KC_NS_BASE). scenario.yaml and expected.txt are not touched;
 * the run fails, and writes nothing, when the kernel does not do what the scenario is about.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DOCKER0, dockerRules } from '../../../tests/kernel/harness/docker';
import { kubeProxyRules, webService, type KpService } from '../../../tests/kernel/harness/kube-proxy';
import { REPO, runInKernel } from '../../../tests/kernel/harness/lab';
import { EXT_IP, K8S_POD_IPS, NODE_IP, dockerHost, kubernetesNode } from '../../../tests/kernel/harness/topology';
import type { KernelCase, KernelObservation, Topology } from '../../../tests/kernel/harness/types';
import { flannelNft, kubeProxyNft } from '../../../tests/kernel/nft/kube-proxy-nft';
import { runNftInKernel } from '../../../tests/kernel/nft/lab';
import type { NftCase } from '../../../tests/kernel/nft/types';

process.env.KC_NS_BASE = 'hss';
process.env.KN_NS_BASE = 'hss';

const WEB = [K8S_POD_IPS['web-1']!, K8S_POD_IPS['web-2']!];
const INTERNET_IP = '203.0.113.10';

interface Run {
  /** `a1`, `a2`: the connection's name in kernel.md. */
  label: string;
  /** What the kernel must do (a broken lab is not published). */
  what: string;
  iptables?: KernelCase;
  nft?: NftCase;
}

interface ScenarioLab {
  id: string;
  /** One line for kernel.md: what was built. */
  lab: string;
  runs: Run[];
  /** kubectl get svc -A -o wide rows (Kubernetes scenarios). */
  services?: string[];
  /** The conntrack -L of this run is kept as <node>/conntrack.txt. */
  keepConntrack?: string;
}

function kcase(name: string, topology: Topology, rules: string, send: KernelCase['send'], listeners: KernelCase['listeners'], expectKernel: KernelCase['expectKernel']): KernelCase {
  return { name: `scenario-${name}`, title: name, topology, rules, send, listeners, expectKernel };
}

const empty: KpService = { namespace: 'default', name: 'empty', portName: 'http', protocol: 'tcp', clusterIP: '10.96.0.200', port: 80, nodePort: 30200, endpoints: [] };
const webNodePort = webService(WEB, { nodePort: 30080 });
const sticky = webService(WEB, { affinitySeconds: 10800 });
const docker = { ...dockerHost(['c1', 'c2']), node: 'docker-host' };
const dockerRuleset = dockerRules([DOCKER0], [{ hostPort: 8080, container: '172.17.0.2', containerPort: 80, bridge: 'docker0' }]);
const internetNode = kubernetesNode(['client', 'web-1', 'web-2']);
internetNode.ext = { ...internetNode.ext, cidrs: [...internetNode.ext.cidrs, `${INTERNET_IP}/32`] };

const SVC_HEADER = 'NAMESPACE     NAME          TYPE        CLUSTER-IP     EXTERNAL-IP   PORT(S)        AGE   SELECTOR';
const SVC = {
  kubernetes: 'default       kubernetes    ClusterIP   10.96.0.1      <none>        443/TCP        52m   <none>',
  web: 'default       web           ClusterIP   10.96.0.100    <none>        80/TCP         41m   app=web',
  webNodePort: 'default       web           NodePort    10.96.0.100    <none>        80:30080/TCP   41m   app=web',
  empty: 'default       empty         NodePort    10.96.0.200    <none>        80:30200/TCP   12m   app=empty',
  headless: 'default       web-headless  ClusterIP   None           <none>        8080/TCP       41m   app=web',
};

const LABS: ScenarioLab[] = [
  {
    id: 'docker-published-port',
    lab: 'a Docker host (docker0 172.17.0.1/16, containers c1 172.17.0.2 and c2 172.17.0.3, `docker run -p 8080:80` on c1), an outside client 192.168.56.100',
    runs: [{ label: 'a1', what: 'delivered to c1', iptables: kcase('docker-published-port', docker, dockerRuleset, { from: 'ext', proto: 'tcp', src: EXT_IP, sport: 40000, dst: NODE_IP, dport: 8080 }, [{ role: 'c1', ports: ['tcp:80'] }, { role: 'c2', ports: ['tcp:80'] }], { outcome: 'delivered', at: 'c1' }) }],
  },
  {
    id: 'docker-container-to-outside',
    lab: 'the Docker host of docker-published-port; the container c1 connects to 192.168.56.100:9000 on the outside segment',
    runs: [{ label: 'a1', what: 'delivered outside', iptables: kcase('docker-container-to-outside', docker, dockerRuleset, { from: 'c1', proto: 'tcp', src: '172.17.0.2', sport: 40000, dst: EXT_IP, dport: 9000 }, [{ role: 'ext', ports: ['tcp:9000'] }], { outcome: 'delivered', at: 'ext' }) }],
    keepConntrack: 'a1',
  },
  {
    id: 'service-no-endpoints',
    lab: 'one flannel node (cni0 10.244.1.1/24, pods client and web-1), kube-proxy 1.29 rules for default/web (-> web-1) and default/empty (NodePort 30200, no endpoints)',
    runs: [
      { label: 'a1', what: 'rejected (icmp-port-unreachable)', iptables: kcase('service-no-endpoints-a1', kubernetesNode(['client', 'web-1']), kubeProxyRules([webService([WEB[0]!]), empty]), { from: 'client', proto: 'tcp', src: '10.244.1.2', sport: 40000, dst: '10.96.0.200', dport: 80 }, [{ role: 'web-1', ports: ['tcp:8080', 'tcp:80'] }], { outcome: 'rejected', rejectWith: 'icmp-port-unreachable' }) },
      { label: 'a2', what: 'rejected (icmp-port-unreachable)', iptables: kcase('service-no-endpoints-a2', kubernetesNode(['client', 'web-1']), kubeProxyRules([webService([WEB[0]!]), empty]), { from: 'ext', proto: 'tcp', src: EXT_IP, sport: 40001, dst: NODE_IP, dport: 30200 }, [{ role: 'node-1', ports: ['tcp:30200'] }], { outcome: 'rejected', rejectWith: 'icmp-port-unreachable' }) },
    ],
    services: [SVC.kubernetes, SVC.empty, SVC.web],
  },
  {
    id: 'session-affinity',
    lab: 'one flannel node (pods client, web-1, web-2), default/web with sessionAffinity ClientIP (timeout 10800 s) -> web-1, web-2',
    runs: [{ label: 'a1', what: 'delivered to web-1 or web-2', iptables: kcase('session-affinity', kubernetesNode(['client', 'web-1', 'web-2']), kubeProxyRules([sticky]), { from: 'client', proto: 'tcp', src: '10.244.1.2', sport: 40000, dst: '10.96.0.100', dport: 80 }, [{ role: 'web-1', ports: ['tcp:8080'] }, { role: 'web-2', ports: ['tcp:8080'] }], { outcome: 'delivered' }) }],
    services: [SVC.kubernetes, SVC.web],
  },
  {
    id: 'hairpin',
    lab: 'one flannel node (pod web-1, hairpin on its cni0 port as the CNI bridge plugin sets it), default/web -> web-1 only',
    runs: [{ label: 'a1', what: 'delivered to web-1 itself', iptables: kcase('hairpin', kubernetesNode(['web-1']), kubeProxyRules([webService([WEB[0]!])]), { from: 'web-1', proto: 'tcp', src: WEB[0]!, sport: 40000, dst: '10.96.0.100', dport: 80 }, [{ role: 'web-1', ports: ['tcp:8080'] }], { outcome: 'delivered', at: 'web-1' }) }],
    services: [SVC.kubernetes, SVC.web],
    keepConntrack: 'a1',
  },
  {
    id: 'pod-to-internet',
    lab: `one flannel node (pods client, web-1, web-2); the outside segment's router also holds ${INTERNET_IP} (a server on the internet)`,
    runs: [{ label: 'a1', what: 'delivered outside', iptables: kcase('pod-to-internet', internetNode, kubeProxyRules([webService(WEB)]), { from: 'client', proto: 'tcp', src: '10.244.1.2', sport: 40000, dst: INTERNET_IP, dport: 443 }, [{ role: 'ext', ports: ['tcp:443'] }], { outcome: 'delivered', at: 'ext' }) }],
    services: [SVC.kubernetes, SVC.web],
    keepConntrack: 'a1',
  },
  {
    id: 'headless-service',
    lab: 'one flannel node (pods client, web-1, web-2), default/web (ClusterIP) and default/web-headless (clusterIP: None, same pods): kube-proxy writes no rule for the headless one',
    runs: [{ label: 'a1', what: 'delivered to web-2', iptables: kcase('headless-service', kubernetesNode(['client', 'web-1', 'web-2']), kubeProxyRules([webService(WEB)]), { from: 'client', proto: 'tcp', src: '10.244.1.2', sport: 40000, dst: WEB[1]!, dport: 8080 }, [{ role: 'web-1', ports: ['tcp:8080'] }, { role: 'web-2', ports: ['tcp:8080'] }], { outcome: 'delivered', at: 'web-2' }) }],
    services: [SVC.kubernetes, SVC.web, SVC.headless],
  },
  {
    id: 'reply-through-conntrack',
    lab: 'one flannel node (pods web-1, web-2), default/web NodePort 30080 (externalTrafficPolicy Cluster), an outside client 192.168.56.100',
    runs: [{ label: 'a1', what: 'delivered to web-1 or web-2', iptables: kcase('reply-through-conntrack', kubernetesNode(['web-1', 'web-2']), kubeProxyRules([webNodePort]), { from: 'ext', proto: 'tcp', src: EXT_IP, sport: 40000, dst: NODE_IP, dport: 30080 }, [{ role: 'web-1', ports: ['tcp:8080'] }, { role: 'web-2', ports: ['tcp:8080'] }], { outcome: 'delivered' }) }],
    services: [SVC.kubernetes, SVC.webNodePort],
    keepConntrack: 'a1',
  },
  {
    id: 'clusterip-nftables',
    lab: 'one flannel node (pods client, web-1, web-2), kube-proxy in nftables mode (table ip kube-proxy, 1.31 layout) and flanneld in nftables mode (table ip flannel-ipv4), loaded in that order',
    runs: [{
      label: 'a1', what: 'delivered to web-1 and web-2 (one connection per numgen branch)',
      nft: {
        name: 'scenario-clusterip-nftables', title: 'clusterip-nftables', topology: kubernetesNode(['client', 'web-1', 'web-2']),
        load: [{ nft: kubeProxyNft([webService(WEB)]) }, { nft: flannelNft() }],
        listeners: [{ role: 'web-1', ports: ['tcp:8080'] }, { role: 'web-2', ports: ['tcp:8080'] }],
        send: { from: 'client', proto: 'tcp', src: '10.244.1.2', sport: 40000, dst: '10.96.0.100', dport: 80 },
        every: { need: 2, max: 30 },
        expectKernel: { outcome: 'delivered' },
      },
    }],
    services: [SVC.kubernetes, SVC.web],
  },
];

function sh(cmd: string): string {
  return (spawnSync('bash', ['-c', cmd], { encoding: 'utf8' }).stdout ?? '').trim();
}

function fail(message: string): never {
  console.error(`make-scenarios: ${message}`);
  process.exit(1);
}

/** The runs' observations, one per traced connection, labelled a1, a2 (nft: a1, a2 per branch). */
interface Observed {
  label: string;
  send: KernelCase['send'];
  obs: KernelObservation;
  topology: Topology;
}

function runAll(lab: ScenarioLab): Observed[] {
  const out: Observed[] = [];
  for (const run of lab.runs) {
    if (run.iptables) {
      const c = run.iptables;
      const k = runInKernel(c);
      const want = c.expectKernel;
      if (k.outcome !== want.outcome || (want.at && k.at !== want.at) || (want.rejectWith && k.rejectWith !== want.rejectWith)) {
        fail(`${lab.id} ${run.label}: the kernel did not do what the scenario is about (${run.what}): ${k.outcome} at ${k.at ?? '-'} ${k.rejectWith ?? ''}; files in ${k.outDir}`);
      }
      out.push({ label: run.label, send: c.send, obs: k, topology: c.topology });
    } else if (run.nft) {
      const c = run.nft;
      const r = runNftInKernel(c);
      const seen = new Set(r.sends.map((s) => s.obs.at));
      if (r.sends.some((s) => s.obs.outcome !== c.expectKernel.outcome) || seen.size < (c.every?.need ?? 1)) fail(`${lab.id}: the kernel did not reach every endpoint (${[...seen].join(', ')}); files in ${r.outDir}`);
      // One connection per endpoint reached, in the order the kernel reached them.
      const firsts = [...seen].map((at) => r.sends.find((s) => s.obs.at === at)!);
      firsts.forEach((s, i) => out.push({ label: `a${i + 1}`, send: { ...c.send, sport: s.sport }, obs: s.obs, topology: c.topology }));
    }
  }
  return out;
}

function listDumps(dir: string, rel = ''): string[] {
  return readdirSync(join(dir, rel), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? listDumps(dir, join(rel, e.name)) : e.name.endsWith('.txt') ? [join(rel, e.name)] : []));
}

/** containerd's name for a pod's netns file (/run/netns/cni-<uuid>), fixed per pod. */
function cniNetns(role: string): string {
  const h = createHash('sha256').update(`cni-netns-${role}`).digest('hex');
  return `cni-${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * The lab's netns names (hss-<pid>-<role>) are not what a node prints: `ip` names a peer netns
 * only when /run/netns holds it. On a containerd node that is the pod's cni-<uuid>; Docker keeps
 * its netns files elsewhere, so the host prints link-netnsid N; a pod never sees the host's
 * netns by name (link-netnsid 0).
 */
function scrubNetnsNames(text: string, dir: string, topo: Topology): string {
  const isNode = dir === topo.node;
  return text.replace(/link-netns hss-\d+-(\S+)/g, (_all, role: string) => {
    if (!isNode) return 'link-netnsid 0';
    if (topo.kind === 'kubernetes') return `link-netns ${cniNetns(role)}`;
    return `link-netnsid ${topo.pods.findIndex((p) => p.role === role)}`;
  });
}

/** Bridge timers, iptables-save's dates and counters change between two runs; nothing else may differ. */
function comparable(text: string): string {
  return text.replace(/(_timer)\s+[\d.]+/g, '$1 _').replace(/^# (Generated by|Completed on) .*$/gm, '#').replace(/\[\d+:\d+\]/g, '[]');
}

/** Every run of a scenario must have printed the same dumps: one cluster, one set of files. */
function sameDumps(lab: ScenarioLab, runs: Observed[]): Map<string, string> {
  const first = runs[0]!;
  const files = new Map(listDumps(first.obs.dumpsDir).map((f) => [f, scrubNetnsNames(readFileSync(join(first.obs.dumpsDir, f), 'utf8'), f.split('/')[0]!, first.topology)]));
  for (const r of runs.slice(1)) {
    if (r.obs.dumpsDir === first.obs.dumpsDir) continue;
    for (const [f, text] of files) {
      const other = scrubNetnsNames(readFileSync(join(r.obs.dumpsDir, f), 'utf8'), f.split('/')[0]!, r.topology);
      if (comparable(text) !== comparable(other)) fail(`${lab.id}: ${f} differs between ${first.label} and ${r.label}`);
    }
  }
  for (const [f, text] of files) if (/hs[skv]-|hkn-|ext0/.test(text)) fail(`${lab.id}: a lab name is left in ${f}`);
  return files;
}

function kubectlFiles(lab: ScenarioLab, topo: Topology, dir: string): string[] {
  if (!lab.services || topo.kind !== 'kubernetes') return [];
  mkdirSync(join(dir, 'cluster'), { recursive: true });
  const pods = topo.pods.map((p) => `default       ${p.role.padEnd(10)} 1/1     Running   0          41m   ${p.ip.padEnd(13)} node-1   <none>           <none>`);
  writeFileSync(join(dir, 'cluster', 'kubectl-pods.txt'), ['NAMESPACE     NAME       READY   STATUS    RESTARTS   AGE   IP            NODE     NOMINATED NODE   READINESS GATES', ...pods].join('\n') + '\n');
  writeFileSync(join(dir, 'cluster', 'kubectl-svc.txt'), [SVC_HEADER, ...lab.services].join('\n') + '\n');
  return ['cluster/kubectl-pods.txt', 'cluster/kubectl-svc.txt'];
}

function endpointOf(o: Observed): string {
  if (o.obs.outcome !== 'delivered') return '-';
  return o.obs.at === 'ext' ? 'outside' : o.obs.at ?? '-';
}

function packetOf(s: KernelCase['send']): string {
  return `${s.proto} ${s.src}:${s.sport} > ${s.dst}:${s.dport}`;
}

function kernelMd(lab: ScenarioLab, runs: Observed[], node: string): string {
  const versions = [`Kernel ${sh('uname -r')}`, sh('iptables --version'), sh('nft --version'), sh('conntrack --version 2>&1 | head -1')].join(', ');
  const out: string[] = [
    `# ${lab.id}: what the kernel did`,
    '',
    `Generated by \`scripts/lab/scenarios/make-scenarios.ts\` on ${new Date().toISOString().replace('T', ' ').slice(0, 19)} UTC; do not edit by hand.`,
    `${versions}.`,
    '',
    `Lab: ${lab.lab}. Built by the kernel suite's harness (\`tests/kernel/harness\`: topology presets, kube-proxy 1.29 /`,
    'Docker rule generators; `tests/kernel/nft/kube-proxy-nft.ts` for nftables mode) in network namespaces; every dump in',
    'this folder is what the tools printed in the lab (the node NIC is scrubbed of its veth peer details, as in',
    '`scripts/lab/lib.sh` `lab_scrub_nic`, and the lab\'s netns names become what a real host prints: `link-netns',
    'cni-<uuid>` for a pod on a containerd node, `link-netnsid N` for a Docker container, `link-netnsid 0` for the host',
    'seen from a pod). `cluster/kubectl-*.txt` are written by the generator from the same Service',
    'and pod definitions (kubectl has no cluster to ask in a lab).',
    '',
    'Per connection: conntrack flushed, an nft trace table (priority -350) marks the flow\'s packets, `nft monitor trace`',
    'is mapped to dump lines through rule handles; the receivers log who arrived; tcpdump at the client records ICMP',
    'errors and resets. Rules below: only rules that matched, `chain:line` of the node\'s dump, in order.',
    '',
    '## Summary',
    '',
    '| connection | endpoint | node | request: matched rules (`chain:line`, in order) |',
    '| --- | --- | --- | --- |',
    ...runs.map((r) => `| \`${r.label}\` | ${endpointOf(r)} | ${node} | ${r.obs.rules.map((x) => x.replace(/^ip \S+ /, '')).join(' · ')} |`),
    '',
  ];
  for (const r of runs) {
    const o = r.obs;
    out.push(`## Connection \`${r.label}\`: \`${packetOf(r.send)}\` from ${r.send.from === 'ext' ? 'the outside client' : r.send.from}`, '');
    out.push(`Outcome: **${o.outcome}**${o.at ? ` at ${o.at === 'ext' ? 'the outside host' : o.at}` : ''}${o.rejectWith ? ` (${o.rejectWith})` : ''}.`);
    if (o.seen) out.push(`The receiver accepted \`${o.seen.src}:${o.seen.sport} > ${o.seen.dst}:${o.seen.dport}\` (peer and local address as accept() returned them).`);
    out.push(`Client: ${o.client.result ?? '?'}${o.client.code ? ` (${o.client.code})` : ''}.`, '');
    out.push('Trace of the first packet in the node:', '', '```', ...o.traceLines, '```', '');
    if (o.conntrack) out.push('conntrack entry after the connection (`conntrack -L`; the lab\'s trace probe, a datagram to 127.0.0.1:9, is left out of conntrack.txt):', '', '```', o.conntrack.line, '```', '');
    if (o.capture.length) out.push('tcpdump at the client (ICMP errors and resets only):', '', '```', ...o.capture, '```', '');
  }
  return `${out.join('\n')}\n`;
}

function publish(lab: ScenarioLab, runs: Observed[]): void {
  const topo = runs[0]!.topology;
  const files = sameDumps(lab, runs);
  const stage = join(REPO, 'scenarios', `.${lab.id}.new`);
  rmSync(stage, { recursive: true, force: true });
  mkdirSync(stage, { recursive: true });
  for (const [f, text] of files) {
    mkdirSync(join(stage, f, '..'), { recursive: true });
    writeFileSync(join(stage, f), text);
  }
  kubectlFiles(lab, topo, stage);
  const keep = runs.find((r) => r.label === lab.keepConntrack);
  // Without the lab's own probe datagram (127.0.0.1:9, how kc_trace knows the monitor listens).
  const conntrack = keep ? readFileSync(join(keep.obs.outDir, 'conntrack.txt'), 'utf8').split('\n').filter((l) => !/src=127\.0\.0\.1 dst=127\.0\.0\.1 sport=\d+ dport=9 /.test(l)) : null;
  if (conntrack) writeFileSync(join(stage, topo.node, 'conntrack.txt'), conntrack.join('\n'));
  const md = kernelMd(lab, runs, topo.node);
  if (/hs[skv]-|hkn-/.test(md)) fail(`${lab.id}: a lab netns name is left in kernel.md`);
  writeFileSync(join(stage, 'kernel.md'), md);
  const dest = join(REPO, 'scenarios', lab.id);
  mkdirSync(dest, { recursive: true });
  // Keep what the author writes (scenario.yaml, expected.txt); replace everything the lab made.
  for (const e of readdirSync(dest)) if (e !== 'scenario.yaml' && e !== 'expected.txt') rmSync(join(dest, e), { recursive: true, force: true });
  for (const e of readdirSync(stage)) cpSync(join(stage, e), join(dest, e), { recursive: true });
  rmSync(stage, { recursive: true, force: true });
  console.log(`make-scenarios: wrote scenarios/${lab.id} (${files.size} dumps, ${runs.length} traced connection${runs.length === 1 ? '' : 's'})`);
}

const wanted = process.argv.slice(2);
const unknown = wanted.filter((id) => !LABS.some((l) => l.id === id));
if (unknown.length) fail(`unknown scenario ${unknown.join(', ')}`);
for (const lab of LABS.filter((l) => !wanted.length || wanted.includes(l.id))) {
  const runs = runAll(lab);
  publish(lab, runs);
  const left = sh("ip netns list | awk '{print $1}' | grep '^hss-' || true");
  if (left) fail(`namespaces left behind: ${left}`);
}
if (!existsSync(join(REPO, 'scenarios'))) fail('no scenarios folder');
