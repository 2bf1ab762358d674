import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createAnalyzer } from './analyzer';
import { createLocalClient, createWorkerClient, withFallback } from './client';
import type { FromWorker, ToWorker } from './protocol';

/** A stand-in for the module worker: the same analyzer behind postMessage, answering asynchronously. */
class FakeWorker {
  onmessage: ((e: MessageEvent<FromWorker>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  transfers: Transferable[][] = [];
  private analyzer = createAnalyzer();
  postMessage(m: ToWorker, transfer: Transferable[] = []) {
    this.transfers.push(transfer);
    const send = (r: FromWorker) => queueMicrotask(() => this.onmessage?.({ data: r } as MessageEvent<FromWorker>));
    if (m.type === 'load') {
      const inputs = m.inputs.map(({ bytes, ...rest }) => ({ ...rest, text: new TextDecoder().decode(bytes) }));
      const result = this.analyzer.load(inputs, (progress) => send({ type: 'progress', id: m.id, progress }));
      send({ type: 'loaded', id: m.id, result });
    } else if (m.type === 'trace') {
      if (m.request.spec === 'boom') return send({ type: 'failed', id: m.id, message: 'boom' });
      send({ type: 'traced', id: m.id, result: this.analyzer.trace(m.request) });
    } else if (m.type === 'redact') send({ type: 'redacted', id: m.id, result: this.analyzer.redact(m.request) });
    else if (m.type === 'scenario') send({ type: 'scenario', id: m.id, result: this.analyzer.scenario(m.scenarioId, m.files) });
    else send({ type: 'chain', id: m.id, result: this.analyzer.chain(m.query) });
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
    expect(labels).toEqual(['Reading rules.txt', 'Reading x.txt', 'Building the model', 'Done']);
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
    // The fallback got the dumps too: later requests work.
    expect(await client.chain({ netns: 'node-1', table: 'nat', chain: 'KUBE-SERVICES' })).not.toBeNull();
  });
});
