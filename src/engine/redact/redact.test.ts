import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildModel } from '../model/build';
import { formatIpv4, parseIpv4 } from '../net/ipv4';
import { parsePacketSpec } from '../sim/packet-spec';
import { simulate } from '../sim/simulate';
import { expectLinear } from '../testing/linearity';
import { readScenario, scenarioIds } from '../testing/scenario-files';
import type { Trace } from '../trace/types';
import { Ipv4Mapper } from './ipv4-map';
import { formatIpv6, Ipv6Mapper, parseIpv6 } from './ipv6-map';
import { redactInputs } from './redact';

const KEY = 'test key';
const common = (a: number, b: number) => (a === b ? 32 : Math.clz32((a ^ b) >>> 0));

describe('prefix-preserving IPv4 mapping', () => {
  const m = new Ipv4Mapper(KEY);
  const private10 = fc.integer({ min: 0, max: 0xffffff }).map((x) => ((10 << 24) | x) >>> 0);
  const anyPlain = fc.integer({ min: 1, max: 0xffffffff }).filter((x) => ![0, 127, 169, 172, 192, 100].includes(x >>> 24) && x >>> 24 < 224);

  it('two addresses share exactly as many leading bits after mapping as before', () => {
    fc.assert(fc.property(fc.oneof(fc.tuple(private10, private10), fc.tuple(anyPlain, anyPlain)), ([a, b]) => {
      expect(common(m.map(a), m.map(b))).toBe(common(a, b));
    }), { numRuns: 2000, seed: 1 });
  });

  it('is one-to-one and changes addresses (10.0.0.0/16 sampled)', () => {
    const out = new Set<number>();
    let changed = 0;
    for (let x = 0; x < 65536; x++) {
      const ip = ((10 << 24) | x) >>> 0;
      out.add(m.map(ip));
      if (m.map(ip) !== ip) changed++;
    }
    expect(out.size).toBe(65536);
    expect(changed).toBeGreaterThan(60000);
  });

  it.each([
    ['127.0.0.1', 32], ['0.0.0.0', 32], ['169.254.1.1', 32], ['224.0.0.251', 32], ['255.255.255.0', 32],
    ['10.244.1.5', 8], ['192.168.1.10', 16], ['172.18.0.2', 12], ['100.64.3.4', 10], ['8.8.8.8', 8],
  ])('%s keeps its first %i bits', (text, bits) => {
    const ip = parseIpv4(text)!;
    expect(common(ip, m.map(ip))).toBeGreaterThanOrEqual(bits);
  });

  it('depends on the key', () => {
    const ip = parseIpv4('10.244.1.5')!;
    expect(new Ipv4Mapper('other key').map(ip)).not.toBe(m.map(ip));
    expect(new Ipv4Mapper(KEY).map(ip)).toBe(m.map(ip));
  });
});

describe('prefix-preserving IPv6 mapping', () => {
  const m = new Ipv6Mapper(KEY, new Ipv4Mapper(KEY));
  const common6 = (a: bigint, b: bigint) => { let n = 0; while (n < 128 && ((a >> BigInt(127 - n)) & 1n) === ((b >> BigInt(127 - n)) & 1n)) n++; return n; };
  const global = fc.tuple(fc.bigInt({ min: 0n, max: (1n << 112n) - 1n }), fc.constantFrom(0x2a01n, 0x2600n, 0xfd00n)).map(([low, hi]) => (hi << 112n) | low);

  it('parses and formats RFC 5952 text', () => {
    const cases: [string, string][] = [['fd00::1', 'fd00::1'], ['FD00:0:0:0:0:0:0:1', 'fd00::1'], ['::', '::'], ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'], ['::ffff:10.0.0.1', '::ffff:a00:1'], ['1:2:3:4:5:6:7:8', '1:2:3:4:5:6:7:8']];
    for (const [text, out] of cases) {
      expect(formatIpv6(parseIpv6(text)!)).toBe(out);
    }
    for (const bad of ['1:2', '1::2::3', 'fe80::1%eth0', 'g::1', '1:2:3:4:5:6:7:8:9', '12:30:45', '::1.2.3']) expect(parseIpv6(bad)).toBeNull();
  });

  it('two addresses share exactly as many leading bits after mapping as before', () => {
    fc.assert(fc.property(global, global, (a, b) => {
      expect(common6(m.map(a), m.map(b))).toBe(common6(a, b));
    }), { numRuns: 300, seed: 1 });
  });

  it('keeps ::, ::1 and multicast; keeps the /64 of link-local; maps IPv4-mapped addresses as IPv4', () => {
    for (const t of ['::', '::1', 'ff02::1:ff00:1']) expect(formatIpv6(m.map(parseIpv6(t)!))).toBe(t);
    const ll = formatIpv6(m.map(parseIpv6('fe80::5054:ff:fe12:3456')!));
    expect(ll.startsWith('fe80::')).toBe(true);
    expect(ll).not.toBe('fe80::5054:ff:fe12:3456');
    const v4 = new Ipv4Mapper(KEY).map(parseIpv4('10.244.1.5')!);
    expect(m.map(parseIpv6('::ffff:10.244.1.5')!)).toBe((0xffffn << 32n) | BigInt(v4));
  });
});

describe('redactInputs: text', () => {
  const one = (text: string) => redactInputs([{ name: 'f', text }], KEY).inputs[0]!.text;

  it('maps a prefix to the prefix of its mapped hosts, with zero host bits', () => {
    const r = redactInputs([{ name: 'f', text: '10.244.1.0/24 dev cni0 src 10.244.1.1\n10.96.0.0/255.240.0.0' }], KEY);
    const [route, masked] = r.inputs[0]!.text.split('\n');
    const [net, , , , host] = route!.split(' ');
    expect(net!.endsWith('.0/24')).toBe(true);
    expect(host!.startsWith(net!.slice(0, net!.lastIndexOf('.')))).toBe(true);
    expect(masked).toMatch(/^10\.\d+\.0\.0\/255\.240\.0\.0$/);
    expect(r.counts.addresses).toBe(3);
  });

  it('maps the same address the same way everywhere, and keeps ports, masks and special addresses', () => {
    const out = one('src=10.0.0.5 dst=10.0.0.5:8080 via 169.254.1.1 lo 127.0.0.1 mask 255.255.255.0 tcp dpt:80 0.0.0.0/0');
    const ips = out.match(/\d+\.\d+\.\d+\.\d+/g)!;
    expect(ips[0]).toBe(ips[1]);
    expect(ips[0]).not.toBe('10.0.0.5');
    expect(out).toContain(':8080 via 169.254.1.1 lo 127.0.0.1 mask 255.255.255.0 tcp dpt:80 0.0.0.0/0');
  });

  it('maps IPv6 addresses consistently in any spelling, keeping networks, zones, ports and specials', () => {
    const out = one('inet6 fd00:10:244:1::5/64 scope global\nfd00:10:244:1::/64 dev cni0\nsrc=FD00:10:244:1:0:0:0:5 [fd00:10:244:1::5]:8080 fe80::1%eth0 ::1 ff02::2 ::/0 12:30:45 std::vector.');
    const [addr, net, conn, bracket] = out.split(/[\s\n]+/).filter((w) => w.includes(':'));
    const host = addr!.slice(0, -3);
    expect(host).not.toBe('fd00:10:244:1::5');
    expect(conn).toBe(`src=${host}`);
    expect(bracket).toBe(`[${host}]:8080`);
    expect(net!.endsWith('::/64')).toBe(true);
    expect(host.startsWith(net!.slice(0, -5))).toBe(true);
    expect(out).toMatch(/fe80::[0-9a-f:]+%eth0 ::1 ff02::2 ::\/0 12:30:45 std::vector\.$/);
    expect(out).not.toContain('fe80::1%');
  });

  it('replaces MACs consistently, locally administered, keeping broadcast and multicast', () => {
    const out = one('lladdr 52:54:00:12:34:56 x 52:54:00:12:34:56 ff:ff:ff:ff:ff:ff 01:00:5e:00:00:01 AA:BB:CC:DD:EE:0F');
    const macs = out.split(' ').filter((w) => w.length === 17);
    expect(macs[0]).toBe(macs[1]);
    expect(macs[0]).not.toBe('52:54:00:12:34:56');
    expect(parseInt(macs[0]!.slice(0, 2), 16) & 3).toBe(2);
    expect(macs.slice(2, 4)).toEqual(['ff:ff:ff:ff:ff:ff', '01:00:5e:00:00:01']);
    expect(macs[4]).toBe(macs[4]!.toUpperCase());
  });

  it('replaces the names kubectl declares in every input, and leaves words and system namespaces', () => {
    const pods = 'NAMESPACE   NAME              READY   STATUS    RESTARTS   AGE   IP            NODE          NOMINATED NODE   READINESS GATES\nshop        cart-7d9f-x2x     1/1     Running   0          1d    10.244.1.5    worker-prod   <none>           <none>\nkube-system coredns-1         1/1     Running   0          1d    10.244.0.2    worker-prod   <none>           <none>\n';
    const rules = '-A KUBE-SVC-X -m comment --comment "shop/cart:http" -j KUBE-SEP-Y\n-A KUBE-SEP-Y -p tcp -m comment --comment "shop/cart:http" -j DNAT --to-destination 10.244.1.5:8080\n';
    const r = redactInputs([{ name: 'pods.txt', text: pods }, { name: 'worker-prod/rules', text: `*nat\n${rules}COMMIT\n`, node: 'worker-prod' }], KEY);
    const all = r.inputs.map((i) => `${i.name} ${i.node ?? ''} ${i.text}`).join('\n');
    for (const secret of ['shop', 'cart-7d9f-x2x', 'worker-prod', '10.244.1.5']) expect(all).not.toContain(secret);
    expect(all).toContain('kube-system');
    expect(all).toContain('KUBE-SVC-X');
    expect(r.inputs[1]!.node).toBe(r.text('worker-prod'));
    expect(r.counts.names).toBeGreaterThanOrEqual(3);
  });

  it('costs linear time', () => {
    expectLinear('redact', (n) => 'tcp 6 86399 ESTABLISHED src=10.244.1.5 dst=10.96.0.1 sport=1 dport=443 [ASSURED] lladdr 52:54:00:12:34:56\n'.repeat(n), (t) => redactInputs([{ name: 'c', text: t, format: 'conntrack' }], KEY), { n: 300 });
  });
});

/** What a trace looks like without its addresses and names: the shape redaction must keep. */
function shape(trace: Trace) {
  return trace.legs.map((leg) => ({ leg: leg.leg, verdict: leg.verdict, hops: leg.hops.map((h) => `${h.hop}@${h.place.hook ?? ''}:${h.place.table ?? ''}/${h.place.chain ?? ''} ${h.place.iface ?? ''} line ${h.decidedBy?.span.line ?? ''}`) }));
}

describe('redactInputs: a redacted scenario traces the same path', () => {
  it.each(scenarioIds())('%s', (id) => {
    const scenario = readScenario(id);
    const r = redactInputs(scenario.inputs, KEY);
    for (const p of scenario.packets) {
      const spec = parsePacketSpec(p.packet, 'p').value!;
      const redSpec = parsePacketSpec(r.text(p.packet), 'p').value!;
      const before = simulate(buildModel(scenario.inputs), { from: p.from, packet: spec, choices: p.choices ?? {} });
      const after = simulate(buildModel(r.inputs), { from: r.text(p.from), packet: redSpec, choices: Object.fromEntries(Object.entries(p.choices ?? {}).map(([k, v]) => [r.text(k), r.text(v)])) });
      // Chain names that embed a Service name or an address (kube-proxy's nftables chains,
      // endpoint-HASH-default/web/tcp/http__10.244.1.5/8080) are redacted like any text.
      const expected = shape(before).map((leg) => ({ ...leg, hops: leg.hops.map((h) => r.text(h)) }));
      expect(shape(after)).toEqual(expected);
      expect(before.legs[0]!.hops.length).toBeGreaterThan(3);
      // Where the packet ended up is the mapped address of where it ended up before.
      const last = (t: Trace) => t.legs[0]!.hops.at(-1)!.after.ip.dst;
      expect(last(after)).toBe(r.text(last(before)));
    }
    const before = scenario.inputs.map((i) => i.text).join('\n');
    const after = r.inputs.map((i) => i.text).join('\n');
    const privateAddresses = [...new Set(before.match(/\b10\.\d+\.\d+\.[1-9]\d*\b/g) ?? [])];
    expect(privateAddresses.filter((a) => after.includes(` ${a} `) || after.includes(`=${a} `))).toEqual([]);
    expect(formatIpv4(0)).toBe('0.0.0.0');
  });
});
