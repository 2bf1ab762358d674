/**
 * A private Open vSwitch for the OpenFlow conformance cases: its own ovsdb-server and ovs-vswitchd
 * (`--enable-dummy --disable-system`: the userspace "dummy" datapath, no kernel module needed),
 * in a temporary directory, stopped by PID. `ofproto/trace` is the judge: it walks the same flow
 * tables the real switch would, table by table.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SCHEMA = '/usr/share/openvswitch/vswitch.ovsschema';

export interface OvsLab {
  dir: string;
  run(args: string[], input?: string): string;
  stop(): void;
}

/** Why OVS cannot run here, or null. Installs openvswitch-switch with apt when root and missing. */
export function ovsProblem(): string | null {
  const has = () => spawnSync('bash', ['-c', 'command -v ovs-vswitchd && command -v ovsdb-server && command -v ovs-appctl && test -e ' + SCHEMA]).status === 0;
  if (has()) return null;
  if (process.getuid?.() === 0) {
    spawnSync('bash', ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openvswitch-switch'], { timeout: 600_000 });
    if (has()) return null;
  }
  return 'Open vSwitch (ovs-vswitchd, ovsdb-server, ovs-appctl; Debian package openvswitch-switch) is not installed and could not be installed';
}

export function startOvs(): OvsLab {
  const dir = mkdtempSync(join(tmpdir(), 'hopscope-ovs-'));
  const env = { ...process.env, OVS_RUNDIR: dir, OVS_LOGDIR: dir, OVS_DBDIR: dir, OVS_SYSCONFDIR: dir };
  const sh = (cmd: string, args: string[], input?: string) => {
    const r = spawnSync(cmd, args, { env, encoding: 'utf8', timeout: 30_000, input });
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${(r.stderr || r.stdout || String(r.error)).trim()}`);
    return r.stdout;
  };
  sh('ovsdb-tool', ['create', join(dir, 'conf.db'), SCHEMA]);
  sh('ovsdb-server', ['--detach', '--no-chdir', `--pidfile=${join(dir, 'ovsdb-server.pid')}`, `--remote=punix:${join(dir, 'db.sock')}`, `--log-file=${join(dir, 'ovsdb-server.log')}`, join(dir, 'conf.db')]);
  sh('ovs-vsctl', ['--no-wait', 'init']);
  sh('ovs-vswitchd', ['--enable-dummy', '--disable-system', '--detach', '--no-chdir', `--pidfile=${join(dir, 'ovs-vswitchd.pid')}`, `--log-file=${join(dir, 'ovs-vswitchd.log')}`]);
  return {
    dir,
    run: (args, input) => {
      const [cmd, ...rest] = args;
      return sh(cmd!, rest, input);
    },
    stop() {
      for (const daemon of ['ovs-vswitchd', 'ovsdb-server']) {
        try {
          const pid = Number(readFileSync(join(dir, `${daemon}.pid`), 'utf8').trim());
          if (pid > 0) process.kill(pid, 'SIGTERM');
        } catch {
          // Not running (it failed to start, or already stopped).
        }
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** One port of a case's bridge: OVS assigns `ofport` as asked, so flows can name it by number. */
export interface LabPort {
  name: string;
  ofport: number;
  type: 'dummy' | 'internal' | 'vxlan' | 'geneve' | 'patch';
  options?: Record<string, string>;
}

/** (Re)creates `bridge` with `ports` and `flows`; returns the dumps a user would paste. */
export function setupBridge(lab: OvsLab, bridge: string, ports: LabPort[], flows: string): { vsctlShow: string; ofctlShow: string; dumpFlows: string } {
  lab.run(['ovs-vsctl', '--if-exists', 'del-br', bridge]);
  const args = ['ovs-vsctl', 'add-br', bridge, '--', 'set', 'bridge', bridge, 'datapath_type=dummy', 'fail-mode=secure'];
  for (const p of ports) {
    args.push('--', 'add-port', bridge, p.name, '--', 'set', 'interface', p.name, `type=${p.type}`, `ofport_request=${p.ofport}`);
    for (const [k, v] of Object.entries(p.options ?? {})) args.push(`options:${k}=${v}`);
  }
  lab.run(args);
  const file = join(lab.dir, `${bridge}.flows`);
  writeFileSync(file, flows);
  lab.run(['ovs-ofctl', '-O', 'OpenFlow13', 'add-flows', bridge, file]);
  return {
    vsctlShow: lab.run(['ovs-vsctl', 'show']),
    ofctlShow: `$ ovs-ofctl show ${bridge}\n${lab.run(['ovs-ofctl', 'show', bridge])}`,
    dumpFlows: `$ ovs-ofctl -O OpenFlow13 dump-flows ${bridge}\n${lab.run(['ovs-ofctl', '-O', 'OpenFlow13', 'dump-flows', bridge])}`,
  };
}

/** What `ofproto/trace` says the switch did. */
export interface OvsObservation {
  /** Tables visited, in order, with the priority of the flow that matched (null: a miss). */
  tables: { table: number; priority: number | null }[];
  /** The port number of the first `output` executed, or null. */
  output: number | null;
  /** Fields of the "Final flow" line (`tun_dst`, `reg0`, `nw_dst`, ...). */
  final: Record<string, string>;
  text: string;
}

export function ofprotoTrace(lab: OvsLab, bridge: string, flow: string, ctNext?: string): OvsObservation {
  const args = ['ovs-appctl', 'ofproto/trace', bridge, flow];
  if (ctNext) args.push('--ct-next', ctNext);
  const text = lab.run(args);
  const tables: OvsObservation['tables'] = [];
  let output: number | null = null;
  const written: Record<string, string> = {};
  let outputs = 0;
  for (const line of text.split('\n')) {
    // ` 0. ip,in_port=3, priority 100`, `21. priority 0`, ` 4. No match.`
    const visit = /^\s*(\d+)\. (?:.*?, )?priority (\d+)(?:, cookie \S+)?$/.exec(line);
    const miss = /^\s*(\d+)\. No match/.exec(line);
    if (visit) tables.push({ table: Number(visit[1]), priority: Number(visit[2]) });
    else if (miss) tables.push({ table: Number(miss[1]), priority: null });
    // `output:1`; `output:NXM_NX_REG2[]` followed by `-> output port is 3`; `IN_PORT`.
    const out = /^\s*output:(\d+)\s*$/.exec(line) ?? /^\s*-> output port is (\d+)\s*$/.exec(line);
    if (out && output === null) output = Number(out[1]);
    else if (/skipping output to input port/.test(line) && outputs === 1) output = null;
    if (out) outputs++;
    if (/^\s*IN_PORT\s*$/.test(line) && output === null) output = Number(/in_port=(\d+)/.exec(text)?.[1]);
    // `-> NXM_NX_TUN_ID[0..31] is now 0xb3c1a1`: "Final flow" leaves tun_id out when no tunnel was set up.
    const now = /^\s*-> (\w+)(?:\[[\d.]*\])? is now (\S+)$/.exec(line);
    if (now) written[now[1]!] = now[2]!;
  }
  let finalLine = /^Final flow: (.*)$/m.exec(text)?.[1] ?? '';
  if (finalLine === 'unchanged') finalLine = /^Flow: (.*)$/m.exec(text)?.[1] ?? '';
  const final: Record<string, string> = {};
  for (const part of finalLine.split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) final[part.slice(0, eq)] = part.slice(eq + 1);
  }
  const NXM_NAMES: Record<string, string> = { NXM_NX_TUN_ID: 'tun_id' };
  for (const [nxm, value] of Object.entries(written)) {
    const name = NXM_NAMES[nxm] ?? /^NXM_NX_REG(\d+)$/.exec(nxm)?.[1]?.replace(/^/, 'reg');
    if (name && final[name] === undefined) final[name] = value;
  }
  return { tables, output, final, text };
}
