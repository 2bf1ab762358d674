import { describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import { createLocalClient, createWorkerClient, withFallback } from './client';
import type { FromWorker, ToWorker } from './protocol';
import { createWorkerHandler } from './workerHandler';

/** A stand-in for the module worker: the worker's own handler behind postMessage, answering asynchronously. */
class FakeWorker {
  onmessage: ((e: MessageEvent<FromWorker>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  transfers: Transferable[][] = [];
  sent: ToWorker[] = [];
  private handle = createWorkerHandler((r) => queueMicrotask(() => this.onmessage?.({ data: r } as MessageEvent<FromWorker>)));
  postMessage(m: ToWorker, transfer: Transferable[] = []) {
    this.transfers.push(transfer);
    this.sent.push(m);
    if (m.type === 'trace' && m.request.spec === 'boom') {
      queueMicrotask(() => this.onmessage?.({ data: { type: 'failed', id: m.id, message: 'boom' } } as MessageEvent<FromWorker>));
      return;
    }
    void this.handle(m);
  }
}

const rules = readFileSync('scenarios/pod-to-clusterip/node-1/iptables-save.txt', 'utf8');

describe('createWorkerClient', () => {
  it('sends texts as transferred buffers, reports progress per file, and matches answers to requests', async () => {
    const fake = new FakeWorker();
    const client = createWorkerClient(fake as unknown as Worker);
    const labels: string[] = [];
    const loaded = await client.load([{ name: 'rules.txt', text: rules, node: 'node-1' }, { name: 'x.txt', text: 'hello' }], (p) => labels.push(p.label));
    expect(fake.transfers[0]).toHaveLength(2);
    expect(fake.transfers[0]![0]).toBeInstanceOf(ArrayBuffer);
    expect(labels).toEqual(['Decoding rules.txt', 'Decoding x.txt', 'Reading rules.txt', 'Reading x.txt', 'Building the model', 'Done']);
    expect(loaded.files.map((f) => f.format)).toEqual(['iptables-save', 'unknown']);
    expect(loaded.diagnostics.some((d) => d.code === 'IN002' && d.file === 'x.txt')).toBe(true);

    const [chain, failed] = await Promise.allSettled([
      client.chain({ netns: 'node-1', table: 'nat', chain: 'KUBE-SERVICES' }),
      client.trace({ from: 'node-1', in: null, spec: 'boom', choices: {}, settings: { bridgeNfCallIptables: true }, later: false }),
    ]);
    expect(chain.status === 'fulfilled' && chain.value?.rules.length).toBeGreaterThan(3);
    expect(failed).toMatchObject({ status: 'rejected', reason: new Error('boom') });
  });

  it('redacts in the worker: dumps and extra texts mapped the same way', async () => {
    const client = createWorkerClient(new FakeWorker() as unknown as Worker);
    const r = await client.redact({ inputs: [{ name: 'rules.txt', text: rules, node: 'node-1' }], texts: ['tcp 10.244.1.2:4000 > 10.96.0.100:80', '10.244.1.2'], key: 'k' });
    expect(r.inputs[0]!.text).not.toContain('10.244.1.2');
    expect(r.counts.addresses).toBeGreaterThan(3);
    const mapped = r.texts[1]!;
    expect(mapped).not.toBe('10.244.1.2');
    expect(r.texts[0]).toContain(`${mapped}:4000`);
  });

  it('hands a dropped file over as its handle, unread and untransferred, and the worker reads it', async () => {
    const fake = new FakeWorker();
    const client = createWorkerClient(fake as unknown as Worker);
    const file = new Blob([rules], { type: 'text/plain' });
    const loaded = await client.load([{ name: 'dropped.txt', file, node: 'node-1' }]);
    const sent = fake.sent[0];
    expect(sent?.type === 'load' && sent.inputs[0]!.content).toBe(file);
    expect(fake.transfers[0]).toEqual([]);
    expect(loaded.files[0]).toMatchObject({ format: 'iptables-save', lines: rules.split('\n').length - 1 });
    // A trace sent right behind the load waits for the model the file makes.
    const [again, chain] = await Promise.all([
      client.load([{ name: 'dropped.txt', file: new Blob([rules]), node: 'node-1' }]),
      client.chain({ netns: 'node-1', table: 'nat', chain: 'KUBE-SERVICES' }),
    ]);
    expect(again.files[0]!.format).toBe('iptables-save');
    expect(chain?.rules.length).toBeGreaterThan(3);
  });

  it("answers a load before every rule is checked; the checks follow the first trace, or come alone", async () => {
    const broken = '*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -p tcp --bogus 22 -j ACCEPT\nCOMMIT\n';
    const client = createWorkerClient(new FakeWorker() as unknown as Worker);
    const checks: string[][] = [];
    const loaded = await client.load([{ name: 'r.txt', text: broken, node: 'node-1' }], undefined, (r) => checks.push(r.diagnostics.map((d) => `${d.code}@${d.line}`)));
    expect(loaded.checksPending).toBe(true);
    expect(loaded.diagnostics.some((d) => d.line === 3)).toBe(false);
    await client.trace({ from: 'node-1', in: null, spec: 'tcp 10.0.0.1:1 > 10.0.0.2:22', choices: {}, settings: { bridgeNfCallIptables: true }, later: false });
    await client.chain({ netns: 'node-1', table: 'filter', chain: 'INPUT' });
    expect(checks).toEqual([['IPT007@3']]);
    // Without a trace the checks come all the same, a moment later.
    const alone: number[] = [];
    await client.load([{ name: 'r.txt', text: broken, node: 'node-1' }], undefined, (r) => alone.push(r.files[0]!.warnings));
    await vi.waitFor(() => expect(alone).toEqual([1]), { timeout: 10_000 });
  });

  it('answers a trace between two slices of the checks, not after all of them', async () => {
    // 300 chains of 100 rules with a bad port each: far more than one slice of checks.
    const lines = ['*filter', ':INPUT ACCEPT [0:0]'];
    for (let c = 0; c < 300; c++) lines.push(`:C${c} - [0:0]`);
    for (let c = 0; c < 300; c++) for (let r = 0; r < 100; r++) lines.push(`-A C${c} -p tcp -s 10.${c % 250}.0.${r} --dport 99999 -j ACCEPT`);
    lines.push('-A INPUT -p tcp -j C0', 'COMMIT', '');
    const client = createWorkerClient(new FakeWorker() as unknown as Worker);
    const events: string[] = [];
    await client.load([{ name: 'big.txt', text: lines.join('\n'), node: 'node-1' }], undefined, (r) => events.push(`checked ${r.files[0]!.errors}`));
    const request = { from: 'node-1', in: null, choices: {}, settings: { bridgeNfCallIptables: true }, later: false };
    // The first trace starts the checks; the second is asked for while they run.
    await client.trace({ ...request, spec: 'tcp 10.0.0.1:1 > 10.0.0.2:22' });
    await client.trace({ ...request, spec: 'tcp 10.0.0.1:2 > 10.0.0.2:22' });
    events.push('second trace');
    await vi.waitFor(() => expect(events).toHaveLength(2), { timeout: 60_000 });
    expect(events).toEqual(['second trace', 'checked 30000']);
  });

  it('rejects what is pending when the worker fails', async () => {
    const silent = { postMessage() {}, onmessage: null, onerror: null } as unknown as Worker & { onerror: (e: unknown) => void };
    const client = createWorkerClient(silent);
    const pending = client.chain({ netns: 'a', table: 'nat', chain: 'X' });
    silent.onerror({ message: 'no worker' });
    await expect(pending).rejects.toThrow('no worker');
  });

  it('falls back to the engine on this thread when the worker cannot start', async () => {
    const dead = { postMessage() {}, onmessage: null, onerror: null } as unknown as Worker & { onerror: (e: unknown) => void };
    const client = withFallback(createWorkerClient(dead), createLocalClient);
    const loading = client.load([{ name: 'rules.txt', text: rules, node: 'node-1' }]);
    dead.onerror({ message: 'blocked' });
    expect((await loading).files[0]!.format).toBe('iptables-save');
    // The fallback got the dumps too: later requests work. A dropped file is read on this thread.
    expect((await client.load([{ name: 'dropped.txt', file: new Blob([rules]), node: 'node-1' }])).files[0]!.format).toBe('iptables-save');
    expect(await client.chain({ netns: 'node-1', table: 'nat', chain: 'KUBE-SERVICES' })).not.toBeNull();
  });
});
