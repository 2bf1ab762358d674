import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from './main';

const SCENARIO = join(__dirname, '..', '..', 'scenarios', 'pod-to-clusterip');

async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) } });
  return { code, stdout, stderr };
}

describe('hopscope trace', () => {
  it('traces a scenario folder and prints the JSON contract', async () => {
    const r = await run('trace', SCENARIO, '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.verdict).toBe('delivered');
    expect(out.final).toEqual({ proto: 'tcp', src: '10.244.1.2', sport: 40000, dst: '10.244.1.5', dport: 8080, egress: 'cni0' });
    expect(out.rules[0]).toMatchObject({ table: 'nat', chain: 'PREROUTING', line: 75, target: 'KUBE-SERVICES' });
    expect(out.rules[0].file).toMatch(/pod-to-clusterip\/node-1\/iptables-save\.txt$/);
    expect(out.rules.map((r: { line: number }) => r.line)).toEqual([75, 110, 117, 97, 31, 32, 33, 34, 35, 39, 77, 89, 78, 80]);
    expect(out.hops[0]).toMatchObject({ kind: 'originate', node: 'node-1', netns: 'node-1/client' });
    expect(out.legs.map((l: { leg: string }) => l.leg)).toEqual(['request', 'reply']);
    expect(out.branches[0].options).toHaveLength(2);
  });

  it('starts from a kubectl pod name', async () => {
    const r = await run('trace', SCENARIO, '--from', 'default/web-7d4b9c8f5d-zr8wn', '--packet', 'tcp > 10.96.0.1:443', '--no-reply', '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.hops[0]).toMatchObject({ kind: 'originate', netns: 'node-1/web-2' });
    expect(out.names['10.96.0.1']).toEqual({ kind: 'service', name: 'kubernetes', namespace: 'default' });
  });

  it('follows a chosen branch and an explicit packet', async () => {
    const key = 'node-1:nat/KUBE-SVC-CDGGSHYLG3RE2FKL';
    const r = await run('trace', SCENARIO, '--packet', 'tcp 10.244.1.2:41000 > 10.96.0.100:80', '--choose', `${key}=nat/KUBE-SVC-CDGGSHYLG3RE2FKL#3`, '--no-reply', '--json');
    const out = JSON.parse(r.stdout);
    expect(out.final).toMatchObject({ sport: 41000, dst: '10.244.1.6' });
    expect(out.legs).toHaveLength(1);
  });

  it('traces a lone iptables-save file for a packet arriving on an interface', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hopscope-'));
    const file = join(dir, 'rules.txt');
    writeFileSync(file, '*filter\n:INPUT ACCEPT [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\n-A FORWARD -i eth+ -p tcp -m tcp --dport 22 -j REJECT --reject-with tcp-reset\nCOMMIT\n');
    const r = await run('trace', file, '--packet', 'tcp 203.0.113.9:40000 > 10.0.0.5:22', '--in', 'eth0', '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.verdict).toBe('rejected');
    expect(out.rules).toEqual([expect.objectContaining({ chain: 'FORWARD', line: 5, target: 'REJECT' })]);
    expect(out.assumptions.join(' ')).toMatch(/eth0 the packet arrives on is not in the dumps/);
  });

  it('fails with one line and a distinct exit code, never a stack trace', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hopscope-'));
    const junk = join(dir, 'junk.txt');
    writeFileSync(junk, 'hello world\nthis is not a dump\n');
    const cases: [string[], number, RegExp][] = [
      [['trace', join(dir, 'missing.txt'), '--packet', 'tcp > 1.2.3.4:80'], 2, /cannot read .*missing\.txt/],
      [['trace', SCENARIO, '--packet', 'tcp > 1.2.3.4'], 3, /bad --packet: .*destination port/],
      [['trace', junk, '--packet', 'tcp > 1.2.3.4:80'], 4, /unknown format/],
      [['trace', SCENARIO, '--from', 'nobody'], 5, /--from nobody/],
      [['frobnicate'], 1, /unknown command/],
      [['trace', SCENARIO, '--in', 'eth0', '--local'], 1, /cannot be used together/],
    ];
    for (const [argv, code, message] of cases) {
      const r = await run(...argv);
      expect(r.code, argv.join(' ')).toBe(code);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });
});
