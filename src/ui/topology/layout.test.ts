import { describe, expect, it } from 'vitest';
import type { NetnsId, Topology } from '../../engine';
import { bottom, right } from './geometry';
import type { Rect } from './geometry';
import { hopPoint, hopVias } from './hopPoint';
import { layoutTopology } from './layout';

const ns = (id: string) => id as NetnsId;

/** Two nodes, each a host with a bridge and pods, joined by their eth0s. */
function twoNodes(): Topology {
  const t: Topology = { nodes: [], netns: [], ifaces: [], links: [] };
  for (const node of ['node-1', 'node-2']) {
    const pods = node === 'node-1' ? ['client', 'web-1', 'web-2'] : ['db'];
    t.nodes.push({ name: node, netns: [ns(node), ...pods.map((p) => ns(`${node}/${p}`))] });
    const hostIfaces = [`${node}:eth0`, `${node}:cni0`, `${node}:lo`];
    t.ifaces.push(
      { id: `${node}:eth0`, netns: ns(node), name: 'eth0', kind: 'ethernet', addresses: ['192.168.0.1/24'], mtu: 1500 },
      { id: `${node}:cni0`, netns: ns(node), name: 'cni0', kind: 'bridge', addresses: ['10.244.1.1/24'], mtu: 1450 },
      { id: `${node}:lo`, netns: ns(node), name: 'lo', kind: 'loopback', addresses: ['127.0.0.1/8'], mtu: 65536 },
    );
    for (const [i, pod] of pods.entries()) {
      const id = ns(`${node}/${pod}`);
      const veth = `${node}:veth${i}`;
      hostIfaces.push(veth);
      t.ifaces.push(
        { id: `${id}:eth0`, netns: id, name: 'eth0', kind: 'veth', addresses: [`10.244.1.${i + 2}/24`], mtu: 1450 },
        { id: veth, netns: ns(node), name: `veth${i}`, kind: 'veth', addresses: [], mtu: 1450, master: 'cni0' },
      );
      t.netns.push({ id, node, name: pod, kind: 'pod', label: pod, hasNetfilter: false, ifaces: [`${id}:eth0`] });
      t.links.push(
        { id: `veth:${veth}`, kind: 'veth', a: veth, b: `${id}:eth0` },
        { id: `port:${veth}`, kind: 'bridge-port', a: veth, b: `${node}:cni0` },
      );
    }
    t.netns.push({ id: ns(node), node, name: '', kind: 'host', label: node, hasNetfilter: true, ifaces: hostIfaces });
  }
  t.links.push({ id: 'underlay', kind: 'underlay', a: 'node-1:eth0', b: 'node-2:eth0' });
  return t;
}

const overlaps = (a: Rect, b: Rect) => a.x < right(b) && b.x < right(a) && a.y < bottom(b) && b.y < bottom(a);
const inside = (inner: Rect, outer: Rect) =>
  inner.x >= outer.x && inner.y >= outer.y && right(inner) <= right(outer) && bottom(inner) <= bottom(outer);

describe('layoutTopology', () => {
  const layout = layoutTopology(twoNodes());

  it('places nodes left to right without overlap, all inside the bounds', () => {
    const [a, b] = layout.nodes;
    expect(right(a!.rect)).toBeLessThan(b!.rect.x);
    for (const n of layout.nodes) expect(inside(n.rect, layout.bounds)).toBe(true);
  });

  it('keeps every namespace inside its node and every interface inside its namespace', () => {
    for (const node of layout.nodes) {
      for (const box of node.netns) {
        expect(inside(box.rect, node.rect)).toBe(true);
        for (const i of box.ifaces) expect(inside(i, box.rect)).toBe(true);
        if (box.strip) expect(inside(box.strip.rect, box.rect)).toBe(true);
      }
    }
  });

  it('never overlaps two interfaces, nor an interface and the netfilter diagram', () => {
    for (const box of layout.netns.values()) {
      const rects: Rect[] = [...box.ifaces, ...(box.strip ? [box.strip.rect] : [])];
      rects.forEach((r, i) => rects.slice(i + 1).forEach((s) => expect(overlaps(r, s)).toBe(false)));
    }
  });

  it('puts each host veth under its pod, on a bridge bar, and hides loopback', () => {
    const podEth0 = layout.ifaces.get('node-1/web-1:eth0')!;
    const veth = layout.ifaces.get('node-1:veth1')!;
    expect(veth.x + veth.w / 2).toBeCloseTo(podEth0.x + podEth0.w / 2);
    expect(veth.y).toBeGreaterThan(bottom(podEth0));
    const bar = layout.ifaces.get('node-1:cni0')!;
    expect(bar.shape).toBe('bar');
    expect(bar.y).toBeGreaterThan(bottom(veth));
    expect(bar.x).toBeLessThanOrEqual(veth.x);
    expect(right(bar)).toBeGreaterThanOrEqual(right(veth));
    expect(layout.ifaces.has('node-1:lo')).toBe(false);
    expect(layoutTopology(twoNodes(), new Set(['node-1:lo'])).ifaces.has('node-1:lo')).toBe(true);
  });

  it('routes the link between nodes under both of them', () => {
    const underlay = layout.links.find((l) => l.id === 'underlay')!;
    const lowest = Math.max(...layout.nodes.map((n) => bottom(n.rect)));
    const y = Number(/V([\d.]+)H/.exec(underlay.d)![1]);
    expect(y).toBeGreaterThan(lowest);
    expect(layout.bounds.h).toBeGreaterThan(y);
  });

  it('docks the token on a hook, the routing diamond, an interface or the IP stack', () => {
    const hop = (place: object, kind = 'chain') => ({ hop: kind, place: { node: 'node-1', netnsName: '', ...place } }) as never;
    const strip = layout.netns.get('node-1')!.strip!;
    const pre = strip.hooks.find((h) => h.hook === 'PREROUTING')!;
    expect(hopPoint(layout, hop({ netns: 'node-1', hook: 'PREROUTING', iface: 'cni0' }), null)).toEqual(pre.dock);
    expect(hopPoint(layout, hop({ netns: 'node-1' }, 'route'), null)).toEqual(strip.routing);
    const eth0 = layout.ifaces.get('node-1/client:eth0')!;
    expect(hopPoint(layout, hop({ netns: 'node-1/client', iface: 'eth0' }, 'egress'), null)).toEqual({ x: right(eth0), y: eth0.y + eth0.h / 2 });
    expect(hopPoint(layout, hop({ netns: 'node-1/client' }, 'originate'), null)).toEqual(layout.netns.get('node-1/client')!.stack);
    // On a bridge, the token sits on the bar under the port it came from.
    const bar = layout.ifaces.get('node-1:cni0')!;
    const p = hopPoint(layout, hop({ netns: 'node-1', iface: 'cni0' }, 'bridge'), { x: right(eth0), y: 0 });
    expect(p).toEqual({ x: right(eth0), y: bar.y + bar.h / 2 });
  });
});

describe('links between nodes', () => {
  it('draws the underlay lane nearest the nodes and the tunnel below it, and the wire hop rides the underlay lane', () => {
    const t = twoNodes();
    for (const node of ['node-1', 'node-2']) {
      t.ifaces.push({ id: `${node}:flannel.1`, netns: ns(node), name: 'flannel.1', kind: 'vxlan', addresses: ['10.244.1.0/32'], mtu: 1450 });
      t.netns.find((n) => n.id === node)!.ifaces.push(`${node}:flannel.1`);
    }
    // The tunnel listed first: the layout still puts the underlay lane first.
    t.links.unshift({ id: 'tunnel', kind: 'tunnel', a: 'node-1:flannel.1', b: 'node-2:flannel.1' });
    const layout = layoutTopology(t);
    const kinds = layout.links.filter((l) => l.ends).map((l) => l.kind);
    expect(kinds).toEqual(['underlay', 'tunnel']);
    const hop = (kind: string, node: string) => ({ hop: kind, place: { node, netns: node, netnsName: '', iface: 'eth0' } }) as never;
    const vias = hopVias(layout, [hop('egress', 'node-1'), hop('wire', 'node-2')]);
    expect(vias[0]).toBeNull();
    expect(vias[1]).toHaveLength(4);
    expect(vias[1]![0]!.x).toBeLessThan(vias[1]![3]!.x);
  });
});
