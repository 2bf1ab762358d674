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

  it("sends a scenario packet that arrives from outside on the interface its yaml names ('in')", async () => {
    const r = await run('trace', join(SCENARIO, '..', 'docker-published-port'), '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.hops[0]).toMatchObject({ kind: 'ingress', node: 'docker-host' });
    expect(out.final).toMatchObject({ src: '192.168.56.100', dst: '172.17.0.2', dport: 80 });
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
      [['trace', junk, '--packet', 'tcp > 1.2.3.4:80', '--max-input-mb', '0.00001'], 6, /junk\.txt is 0 MB, above the 0 MB limit for one input \(raise it with --max-input-mb\)/],
      [['trace', SCENARIO, '--max-input-mb', 'lots'], 1, /--max-input-mb needs a positive number/],
      [['trace', dir, '--packet', 'tcp > 1.2.3.4:80'], 2, /is a directory without a scenario\.yaml/],
      [['trace'], 1, /no dump files given/],
      [['trace', SCENARIO, '--packet'], 1, /--packet needs a value/],
      [['redact'], 1, /no dump files given/],
      [['redact', join(dir, 'missing.txt')], 2, /cannot read .*missing\.txt/],
      [['redact', SCENARIO], 1, /several files to redact: give --out DIR/],
      [['redact', junk, '--max-input-mb', '0.00001'], 6, /above the 0 MB limit/],
      [['redact', SCENARIO, '--out', junk], 7, /cannot write .*junk\.txt/],
      [['redact', junk, '--bogus'], 1, /unknown option --bogus/],
    ];
    for (const [argv, code, message] of cases) {
      const r = await run(...argv);
      expect(r.code, argv.join(' ')).toBe(code);
      expect(r.stderr).toMatch(message);
      // One line: no usage dump, no stack trace.
      expect(r.stderr.split('\n').filter(Boolean), argv.join(' ')).toHaveLength(1);
    }
  });
});

describe('hopscope redact', () => {
  it('prints a redacted single file: addresses replaced, structure kept', async () => {
    const r = await run('redact', join(SCENARIO, 'node-1', 'ip-route.txt'));
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('10.244.1.');
    expect(r.stdout).toMatch(/^default via 192\.168\.\d+\.\d+ dev eth0/m);
    expect(r.stderr).toMatch(/^hopscope: redacted \d+ addresses, \d+ MAC addresses and \d+ names in 1 file\(s\)\n$/);
  });

  it('writes a redacted scenario folder that traces the same path', async () => {
    const out = mkdtempSync(join(tmpdir(), 'hopscope-redact-'));
    const r = await run('redact', SCENARIO, '--out', out);
    expect(r.code).toBe(0);
    const before = JSON.parse((await run('trace', SCENARIO, '--json')).stdout);
    const traced = await run('trace', join(out, 'pod-to-clusterip'), '--json');
    expect(traced.code, traced.stderr).toBe(0);
    const after = JSON.parse(traced.stdout);
    expect(after.verdict).toBe(before.verdict);
    expect(after.rules.map((x: { line: number }) => x.line)).toEqual(before.rules.map((x: { line: number }) => x.line));
    expect(after.hops.map((h: { kind: string }) => h.kind)).toEqual(before.hops.map((h: { kind: string }) => h.kind));
    expect(after.final.dst).not.toBe(before.final.dst);
  });
});
