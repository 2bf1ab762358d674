import { deflateSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { Workspace } from '../store/types';
import { decodeWorkspace, encodeWorkspace } from './codec';
import { MAX_FRAGMENT_CHARS, MAX_INFLATED_BYTES, MAX_INPUTS } from './limits';

const workspace: Workspace = {
  inputs: [
    { name: 'node-a/iptables-save.txt', text: '*nat\n:PREROUTING ACCEPT [0:0]\n-A PREROUTING -j KUBE-SERVICES\nCOMMIT\n', node: 'node-a', format: 'iptables-save' },
    { name: '파드 주소.txt', text: '3: eth0@if7: <BROADCAST> mtu 1450 # 注释 — ünïcödé\n', node: 'node-a', netns: 'pod-web' },
  ],
  packet: { from: 'pod-web', in: null, spec: 'tcp > 10.96.0.10:80' },
  choices: { 'KUBE-SVC-X': 'KUBE-SEP-2' },
  settings: { bridgeNfCallIptables: true, later: true },
};

/** Encodes any JSON value the way a link would carry it, to craft hostile links. */
function craft(json: string): string {
  let binary = '';
  for (const b of deflateSync(strToU8(json))) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

const valid = (patch: Record<string, unknown> = {}) => JSON.stringify({ v: 1, workspace: { ...workspace, ...patch } });

describe('share codec', () => {
  it('restores exactly the workspace it encoded, in URL-safe characters', async () => {
    const encoded = await encodeWorkspace(workspace);
    if (!encoded.ok) throw new Error('expected to fit');
    expect(encoded.text).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeWorkspace(encoded.text)).toEqual({ ok: true, workspace });
  });

  it('compresses dumps: a repetitive 200 KB dump fits in a few KB', async () => {
    const rule = (i: number) => `-A KUBE-SERVICES -d 10.96.${i % 256}.${i % 200}/32 -p tcp -m tcp --dport 80 -j KUBE-SVC-${i}\n`;
    const text = Array.from({ length: 3000 }, (_, i) => rule(i)).join('');
    expect(text.length).toBeGreaterThan(200_000);
    const encoded = await encodeWorkspace({ ...workspace, inputs: [{ name: 'big.txt', text }] });
    expect(encoded.ok).toBe(true);
    if (encoded.ok) expect(encoded.text.length).toBeLessThan(MAX_FRAGMENT_CHARS);
  });

  it('says how large a workspace is when it does not fit in a link', async () => {
    // Incompressible text: a pseudo-random walk over printable characters.
    let x = 2463534242;
    const next = () => ((x ^= x << 13), (x ^= x >>> 17), (x ^= x << 5), (x >>> 0) % 90);
    const text = Array.from({ length: 120_000 }, () => String.fromCharCode(33 + next())).join('');
    const encoded = await encodeWorkspace({ ...workspace, inputs: [{ name: 'noise.txt', text }] });
    expect(encoded.ok).toBe(false);
    if (!encoded.ok) {
      expect(encoded.limit).toBe(MAX_FRAGMENT_CHARS);
      expect(encoded.chars).toBeGreaterThan(MAX_FRAGMENT_CHARS);
    }
  });

  it('stops compressing a huge workspace once it is past the limit, yielding to the page between steps', async () => {
    let x = 88172645;
    const next = () => ((x ^= x << 13), (x ^= x >>> 17), (x ^= x << 5), (x >>> 0) % 90);
    const text = Array.from({ length: 4_000_000 }, () => String.fromCharCode(33 + next())).join('');
    let yields = 0;
    const encoded = await encodeWorkspace({ ...workspace, inputs: [{ name: 'huge.txt', text }] }, MAX_FRAGMENT_CHARS, async () => {
      yields++;
    });
    expect(encoded).toMatchObject({ ok: false, complete: false, limit: MAX_FRAGMENT_CHARS });
    if (!encoded.ok) expect(encoded.chars).toBeGreaterThan(MAX_FRAGMENT_CHARS);
    // 4 MB of input is 16 steps; incompressible text is past 64 Ki characters within the first.
    expect(yields).toBeLessThan(3);
  });

  it('refuses a fragment longer than the limit before decoding it', () => {
    expect(decodeWorkspace('A'.repeat(MAX_FRAGMENT_CHARS + 1))).toEqual({ ok: false, error: { code: 'tooLong', chars: MAX_FRAGMENT_CHARS + 1 } });
  });

  it('refuses characters outside base64url', () => {
    expect(decodeWorkspace('abc$def')).toEqual({ ok: false, error: { code: 'encoding' } });
    expect(decodeWorkspace('<script>')).toEqual({ ok: false, error: { code: 'encoding' } });
  });

  it('stops inflating a decompression bomb at the limit', () => {
    // 64 MB of zeros deflate to ~64 KB; a smaller bomb below the fragment limit: 32 MB → ~32 KB.
    const zeros = new Uint8Array(32 * 1024 * 1024);
    let binary = '';
    for (const b of deflateSync(zeros, { level: 9 })) binary += String.fromCharCode(b);
    const bomb = btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    expect(bomb.length).toBeLessThan(MAX_FRAGMENT_CHARS);
    expect(decodeWorkspace(bomb)).toEqual({ ok: false, error: { code: 'tooLarge', limitBytes: MAX_INFLATED_BYTES } });
  });

  it('refuses data that is not DEFLATE, or is cut short', async () => {
    expect(decodeWorkspace('SGVsbG8sIHdvcmxkIQ')).toEqual({ ok: false, error: { code: 'compression' } });
    const encoded = await encodeWorkspace(workspace);
    if (!encoded.ok) throw new Error('expected to fit');
    expect(decodeWorkspace(encoded.text.slice(0, encoded.text.length / 2))).toEqual({ ok: false, error: { code: 'compression' } });
  });

  it('refuses text that is not JSON', () => {
    expect(decodeWorkspace(craft('{"v":1,'))).toEqual({ ok: false, error: { code: 'json' } });
  });
});

describe('share link validation', () => {
  it.each(['__proto__', 'constructor', 'prototype'])('refuses the key %s anywhere, and pollutes nothing', (key) => {
    const link = craft(`{"v":1,"workspace":${JSON.stringify({ ...workspace, choices: {} }).replace('"choices":{}', `"choices":{"${key}":{"polluted":"yes"}}`)}}`);
    expect(decodeWorkspace(link)).toEqual({ ok: false, error: { code: 'forbiddenKey', key } });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const nested = craft(`{"v":1,"workspace":{"inputs":[{"name":"a","text":"b","${key}":{"polluted":"yes"}}]}}`);
    expect(decodeWorkspace(nested)).toMatchObject({ ok: false, error: { code: 'forbiddenKey' } });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses unknown fields, so a link cannot name remote content', () => {
    expect(decodeWorkspace(craft(valid({ url: 'https://example.com/dump.txt' })))).toEqual({ ok: false, error: { code: 'schema', path: 'workspace' } });
    const remoteInput = JSON.stringify({ v: 1, workspace: { ...workspace, inputs: [{ name: 'a', text: '', src: 'https://example.com/a' }] } });
    expect(decodeWorkspace(craft(remoteInput))).toMatchObject({ ok: false, error: { code: 'schema' } });
    expect(decodeWorkspace(craft(JSON.stringify({ v: 1, workspace, script: 'alert(1)' })))).toMatchObject({ ok: false, error: { code: 'schema' } });
  });

  it('refuses another version, wrong types, duplicate names and too many inputs', () => {
    expect(decodeWorkspace(craft(JSON.stringify({ v: 2, workspace })))).toEqual({ ok: false, error: { code: 'schema', path: 'v' } });
    expect(decodeWorkspace(craft(valid({ settings: { bridgeNfCallIptables: 'yes', later: false } })))).toEqual({ ok: false, error: { code: 'schema', path: 'workspace.settings.bridgeNfCallIptables' } });
    expect(decodeWorkspace(craft(valid({ inputs: [{ name: 'a', text: 1 }] })))).toEqual({ ok: false, error: { code: 'schema', path: 'workspace.inputs.0.text' } });
    expect(decodeWorkspace(craft(valid({ inputs: [{ name: 'a', text: '' }, { name: 'a', text: '' }] })))).toMatchObject({ ok: false, error: { code: 'schema', path: 'workspace.inputs' } });
    const many = Array.from({ length: MAX_INPUTS + 1 }, (_, i) => ({ name: `f${i}`, text: '' }));
    expect(decodeWorkspace(craft(valid({ inputs: many })))).toMatchObject({ ok: false, error: { code: 'schema', path: 'workspace.inputs' } });
    expect(decodeWorkspace(craft(valid({ inputs: [{ name: 'a', text: '', format: 'exe' }] })))).toMatchObject({ ok: false, error: { code: 'schema', path: 'workspace.inputs.0.format' } });
    expect(decodeWorkspace(craft('[1,2,3]'))).toMatchObject({ ok: false, error: { code: 'schema' } });
  });
});
