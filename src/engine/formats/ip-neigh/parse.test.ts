import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseLladdr, parseMac } from './lladdr';
import { parseIpNeigh } from './parse';
import type { NeighEntry } from './types';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
/** An entry in `ip neigh`'s own words. */
const show = (e: NeighEntry) => [e.ip, e.dev ? ` dev ${e.dev}` : '', e.mac ? ` lladdr ${e.mac}` : '', e.router ? ' router' : '',
  e.proxy ? ' proxy' : '', e.states.length ? ` ${e.states.join(' ')}` : ''].join('');
const codes = (diags: { code: string; severity: string; line: number; column: number }[]) =>
  diags.map((d) => `${d.code} ${d.severity} ${d.line}:${d.column}`);

describe('parseIpNeigh', () => {
  it('reads a flannel node: VTEP PERMANENT entries, FAILED/INCOMPLETE without lladdr, IPv6 skipped once', () => {
    const { value, diagnostics } = parseIpNeigh(fixture('flannel-node-neigh.txt'), 'neigh.txt');
    expect(value.entries.map(show)).toEqual([
      '10.244.1.0 dev flannel.1 lladdr 9e:01:3d:09:66:39 PERMANENT',
      '10.244.2.0 dev flannel.1 lladdr 52:2a:7c:0e:41:9b PERMANENT',
      '192.168.56.1 dev enp0s8 lladdr 0a:00:27:00:00:00 REACHABLE',
      '10.0.2.2 dev enp0s3 lladdr 52:54:00:12:35:02 REACHABLE',
      '10.0.2.3 dev enp0s3 lladdr 52:54:00:12:35:03 STALE',
      '192.168.56.12 dev enp0s8 lladdr 08:00:27:5b:0c:11 DELAY',
      '10.244.0.5 dev cni0 lladdr 6e:a1:42:9a:33:0c REACHABLE',
      '10.244.0.9 dev cni0 FAILED',
      '10.244.0.11 dev cni0 INCOMPLETE',
    ]);
    expect(value.entries[7]!.state).toBe('FAILED');
    expect(value.entries[7]!.mac).toBeUndefined();
    expect(value.entries[0]!.span).toEqual({ file: 'neigh.txt', line: 1, column: 1, endColumn: 60 });
    expect(value.files).toEqual(['neigh.txt']);
    expect(codes(diagnostics)).toEqual(['NEI005 info 10:1']);
  });

  it('takes the device from a pasted "ip neigh show dev X", reads -s statistics, tunnel lladdrs and proxy entries', () => {
    const { value, diagnostics } = parseIpNeigh(fixture('calico-node-neigh-prompts.txt'), 'calico.txt');
    expect(value.entries.map(show)).toEqual([
      '172.16.160.1 dev eth0 lladdr 12:34:56:78:9a:bc REACHABLE',
      '172.16.160.27 dev eth0 lladdr 0a:58:ac:10:a0:1b STALE',
      '172.16.160.1 dev eth0 lladdr 12:34:56:78:9a:bc REACHABLE',
      '10.48.0.67 dev calie965c96dc90 lladdr 5e:1f:9a:c2:77:03 STALE',
      '10.48.0.68 dev cali1f2a3b4c5d6 lladdr 8a:3e:0f:61:d4:2b REACHABLE',
      '172.16.160.28 dev tunl0 lladdr 172.16.160.28 PERMANENT',
      '10.0.0.99 dev eth0 proxy',
      '127.0.0.1 dev lo lladdr 00:00:00:00:00:00 NOARP',
    ]);
    expect(value.entries[6]).toMatchObject({ proxy: true, state: '', states: [] });
    expect(diagnostics).toEqual([]);
  });

  it('warns once when lines name no device and no prompt says which', () => {
    const { value, diagnostics } = parseIpNeigh('10.0.0.1 lladdr 52:54:00:12:35:02 REACHABLE\n10.0.0.2 lladdr 52:54:00:12:35:03 STALE\n', 'f');
    expect(value.entries.map((e) => e.dev)).toEqual(['', '']);
    expect(codes(diagnostics)).toEqual(['NEI001 warning 1:1']);
  });

  it('reports bad addresses and MACs with their columns, and unknown words once', () => {
    const text = [
      '10.0.0.300 dev eth0 lladdr 52:54:00:12:35:02 REACHABLE',
      '10.0.0.1 dev eth0 lladdr 52:54:zz:12:35:02 REACHABLE',
      '10.0.0.2 dev eth0 lladdr 52:54:00:12:35:02 wibble STALE',
      '10.0.0.3 dev eth0 lladdr 52:54:00:12:35:04 wibble STALE',
      'Deleted 10.0.0.4 dev eth0 lladdr 52:54:00:12:35:05 STALE',
      '10.0.0.5 dev',
    ].join('\n');
    const { value, diagnostics } = parseIpNeigh(text, 'f');
    expect(value.entries.map((e) => e.ip)).toEqual(['10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.4', '10.0.0.5']);
    expect(value.entries[0]!.mac).toBeUndefined();
    expect(codes(diagnostics)).toEqual(['NEI002 warning 1:1', 'NEI003 warning 2:26', 'NEI004 info 3:44', 'NEI001 warning 6:10', 'NEI001 warning 6:1']);
  });

  it('tolerates CRLF, a BOM, colours and Markdown fences', () => {
    const text = '\uFEFF```\r\n\x1b[36m10.0.0.1\x1b[0m dev \x1b[34meth0\x1b[0m lladdr 52:54:00:12:35:02 \x1b[32mREACHABLE\x1b[0m\r\n```\r\n';
    const { value, diagnostics } = parseIpNeigh(text, 'f');
    expect(value.entries.map(show)).toEqual(['10.0.0.1 dev eth0 lladdr 52:54:00:12:35:02 REACHABLE']);
    expect(diagnostics).toEqual([]);
  });
});

describe('lladdr', () => {
  it('normalises MACs and accepts tunnel and InfiniBand addresses', () => {
    expect(parseMac('9E:1:3D:09:66:39')).toBe('9e:01:3d:09:66:39');
    expect(parseMac('9e:01:3d:09:66')).toBeNull();
    expect(parseMac('9e:01:3d:09:66:3g')).toBeNull();
    expect(parseLladdr('10.0.0.2')).toBe('10.0.0.2');
    expect(parseLladdr('80:00:00:48:fe:80:00:00:00:00:00:00:f4:52:14:03:00:2a:3b:51')).toHaveLength(59);
    expect(parseLladdr('')).toBeNull();
  });
});
