import { describe, expect, it } from 'vitest';
import { readScenario } from '../testing/scenario-files';
import { buildModel } from './build';

describe('buildModel', () => {
  it('joins veth pairs across namespaces by their @ifN indices', () => {
    const model = buildModel(readScenario('pod-to-clusterip').inputs);
    expect(model.nodes).toEqual([{ name: 'node-1', netns: ['node-1', 'node-1/client', 'node-1/web-1', 'node-1/web-2'] }]);
    const pairs = model.veths.map((v) => [`${v.a.netns}:${v.a.link}`, `${v.b.netns}:${v.b.link}`].sort().join(' = ')).sort();
    expect(pairs).toEqual([
      'node-1/client:eth0 = node-1:veth3a9f1c2e',
      'node-1/web-1:eth0 = node-1:veth7d04b6a1',
      'node-1/web-2:eth0 = node-1:vethe25c8f93',
    ]);
  });

  it('takes ip rule and ipset dumps into the namespace, detected by shape', () => {
    const model = buildModel([
      { name: 'rules.txt', text: '0:\tfrom all lookup local\n100:\tfrom all fwmark 0x200/0xf00 lookup 2004\n32766:\tfrom all lookup main\n', node: 'n1' },
      { name: 'ipset.txt', text: 'Name: KUBE-CLUSTER-IP\nType: hash:ip,port\nMembers:\n10.96.0.1,tcp:443\n', node: 'n1' },
    ]);
    const ns = model.netns.get('n1' as never)!;
    expect(ns.policyRules.map((r) => [r.priority, r.table])).toEqual([[0, 'local'], [100, '2004'], [32766, 'main']]);
    expect([...ns.ipsets!.keys()]).toEqual(['KUBE-CLUSTER-IP']);
    expect(ns.sources.map((s) => s.format)).toEqual(['ip-rule', 'ipset']);
  });

  it('does not pair veths through indices that ifconfig output never printed', () => {
    const host = 'eth0: flags=4163<UP,BROADCAST,RUNNING,MULTICAST>  mtu 1500\n        inet 10.0.0.1  netmask 255.255.255.0  broadcast 10.0.0.255\n\nveth1: flags=4163<UP,BROADCAST,RUNNING,MULTICAST>  mtu 1500\n        ether 02:00:00:00:00:01  txqueuelen 0  (Ethernet)\n';
    const pod = '2: eth0@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP\n    link/ether 02:00:00:00:00:02 brd ff:ff:ff:ff:ff:ff link-netnsid 0\n    inet 10.0.0.2/24 scope global eth0\n';
    const model = buildModel([{ name: 'host.txt', text: host, node: 'n' }, { name: 'pod.txt', text: pod, node: 'n', netns: 'p' }]);
    expect(model.veths).toEqual([]);
  });

  it('reports an unrecognisable input and keeps the rest', () => {
    const model = buildModel([{ name: 'junk.txt', text: 'hello\nworld\n' }, { name: 'r.txt', text: 'default via 10.0.0.1 dev eth0\n' }]);
    expect(model.diagnostics.map((d) => [d.code, d.file])).toEqual([['IN002', 'junk.txt']]);
    expect(model.netns.get('node' as never)!.routes).toHaveLength(1);
  });
});
