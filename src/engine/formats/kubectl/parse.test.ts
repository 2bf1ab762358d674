import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildIpNames, parseKubectlNodes, parseKubectlPods, parseKubectlServices } from './index';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const codes = (diags: { code: string; severity: string; line: number; column: number }[]) =>
  diags.map((d) => `${d.code} ${d.severity} ${d.line}:${d.column}`);

describe('parseKubectlPods', () => {
  it('keeps a row whose NAME or NAMESPACE looks like a placeholder (<script>, <none>): only value cells hold placeholders', () => {
    const text = [
      'NAMESPACE   NAME                           READY   STATUS    RESTARTS   AGE   IP           NODE     NOMINATED NODE   READINESS GATES',
      '<x>         <script>alert(1)</script>      1/1     Running   0          3d    10.244.1.5   node-1   <none>           <none>',
      'default     <none>                         1/1     Running   0          3d    10.244.1.6   <none>   <none>           <none>',
      '',
    ].join('\n');
    const { value, diagnostics } = parseKubectlPods(text, 'pods.txt');
    expect(value.pods.map((p) => `${p.namespace}/${p.name} ${p.ip} ${p.node ?? '-'}`)).toEqual([
      '<x>/<script>alert(1)</script> 10.244.1.5 node-1',
      'default/<none> 10.244.1.6 -',
    ]);
    expect(diagnostics).toEqual([]);
    const svc = parseKubectlServices('NAME      TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE\n<svc>     ClusterIP   10.96.0.9    <none>        80/TCP    1d\n', 's.txt');
    expect(svc.value.services.map((x) => x.name)).toEqual(['<svc>']);
    const nodes = parseKubectlNodes('NAME     STATUS   ROLES    AGE   VERSION   INTERNAL-IP\n<node>   Ready    <none>   1d    v1.30     172.18.0.2\n', 'n.txt');
    expect(nodes.value.nodes.map((x) => x.name)).toEqual(['<node>']);
  });

  it('reads pods -A -o wide: restarts with "(5m ago)", <none> IPs and nodes, hostNetwork pods sharing node IPs', () => {
    const { value, diagnostics } = parseKubectlPods(fixture('pods-A-wide.txt'), 'pods.txt');
    expect(value.pods.map((p) => `${p.namespace}/${p.name} ${p.status} r=${p.restarts} ${p.ip ?? '-'} ${p.node ?? '-'}`)).toEqual([
      'default/web-7d4b9c8f5d-abcde Running r=0 10.244.1.5 kind-worker',
      'default/web-7d4b9c8f5d-fghij Running r=2 10.244.2.7 kind-worker2',
      'default/batch-job-x7k2p Pending r=0 - -',
      'kube-system/coredns-7db6d8ff4d-4xk2n Running r=0 10.244.0.3 kind-control-plane',
      'kube-system/coredns-7db6d8ff4d-9wq7c Running r=0 10.244.0.4 kind-control-plane',
      'kube-system/etcd-kind-control-plane Running r=0 172.18.0.2 kind-control-plane',
      'kube-system/kube-apiserver-kind-control-plane Running r=0 172.18.0.2 kind-control-plane',
      'kube-system/kube-proxy-2lq8z Running r=0 172.18.0.3 kind-worker',
      'kube-system/kube-proxy-h7n4d Running r=0 172.18.0.4 kind-worker2',
      'kube-system/kindnet-5xv9t Running r=1 172.18.0.3 kind-worker',
      'kube-system/kindnet-q2r8m Running r=0 172.18.0.4 kind-worker2',
      'monitoring/node-exporter-8kd2s CrashLoopBackOff r=112 172.18.0.4 kind-worker2',
    ]);
    expect(value.pods[0]).toMatchObject({ ready: '1/1', age: '5m12s', span: { file: 'pods.txt', line: 3, column: 1 } });
    expect(value.pods[0]!.nominatedNode).toBeUndefined();
    expect(diagnostics).toEqual([]);
  });

  it('reads pods -o wide without NAMESPACE, NOMINATED NODE values and Init statuses', () => {
    const { value, diagnostics } = parseKubectlPods(fixture('pods-wide-no-namespace.txt'), 'p.txt');
    expect(value.pods.map((p) => [p.namespace, p.name, p.status, p.ip, p.nominatedNode])).toEqual([
      [undefined, 'web-7d4b9c8f5d-abcde', 'Running', '10.244.1.5', undefined],
      [undefined, 'web-7d4b9c8f5d-fghij', 'Terminating', '10.244.2.7', 'kind-worker'],
      [undefined, 'init-demo', 'Init:0/1', '10.244.2.12', undefined],
    ]);
    expect(diagnostics).toEqual([]);
  });

  it('cuts rows whose padding was collapsed at whitespace, gluing "(5m ago)" to the count', () => {
    const text = 'NAME READY STATUS RESTARTS AGE IP NODE NOMINATED NODE READINESS GATES\nweb-1 1/1 Running 2 (5m ago) 3d 10.244.1.5 node-1 <none> <none>\n';
    const { value, diagnostics } = parseKubectlPods(text, 'f');
    expect(value.pods).toEqual([expect.objectContaining({ name: 'web-1', restarts: 2, ip: '10.244.1.5', node: 'node-1', age: '3d' })]);
    expect(diagnostics).toEqual([]);
  });

  it('says what is missing: no header, no IP column, rows that do not fit, bad IPs, other tables', () => {
    const text = [
      'web-1   1/1   Running   0   3d',
      'NAME    READY   STATUS    RESTARTS   AGE',
      'web-2   1/1     Running   0          3d',
      'NAME   READY   STATUS   RESTARTS   AGE   IP   NODE',
      'web-3 1/1 Running 0 3d 10.244.1.999 node-1',
      'web-4 1/1 Running 0',
      'NAME   TYPE   CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE',
      'kubernetes   ClusterIP   10.96.0.1   <none>   443/TCP   9d',
      'No resources found in default namespace.',
    ].join('\n');
    const { value, diagnostics } = parseKubectlPods(text, 'f');
    expect(value.pods.map((p) => p.name)).toEqual(['web-2', 'web-3']);
    expect(value.pods[1]!.ip).toBeUndefined();
    expect(codes(diagnostics)).toEqual(['KUB001 warning 1:1', 'KUB002 warning 6:1', 'KUB006 info 8:1', 'KUB005 info 3:1', 'KUB003 warning 5:24']);
  });
});

describe('parseKubectlServices', () => {
  it('reads svc -A -o wide: NodePorts, headless, pending, LB IP lists and hostnames, ExternalName, selectors', () => {
    const { value, diagnostics } = parseKubectlServices(fixture('svc-A-wide.txt'), 'svc.txt');
    const byName = new Map(value.services.map((s) => [s.name, s]));
    expect(byName.get('web')).toMatchObject({ namespace: 'default', type: 'NodePort', clusterIP: '10.96.45.3', headless: false, externalIPs: [],
      ports: [{ port: 80, nodePort: 30080, protocol: 'TCP' }, { port: 443, nodePort: 30443, protocol: 'TCP' }], selector: { app: 'web' } });
    expect(byName.get('web-headless')).toMatchObject({ headless: true, ports: [{ port: 8080, protocol: 'TCP' }] });
    expect(byName.get('web-headless')!.clusterIP).toBeUndefined();
    expect(byName.get('web-lb')).toMatchObject({ externalPending: true, externalIPs: [], selector: { app: 'web', tier: 'front' } });
    expect(byName.get('ingress')!.externalIPs).toEqual(['172.18.255.200', '172.18.255.201']);
    expect(byName.get('aws-lb')!.externalNames).toEqual(['a1b2c3d4e5-123456789.us-east-1.elb.amazonaws.com']);
    expect(byName.get('legacy-db')).toMatchObject({ type: 'ExternalName', externalNames: ['db.example.com'], ports: [] });
    expect(byName.get('legacy-db')!.clusterIP).toBeUndefined();
    expect(byName.get('legacy-db')!.selector).toBeUndefined();
    expect(byName.get('ext-ip')!.externalIPs).toEqual(['192.168.56.200']);
    expect(byName.get('kube-dns')!.ports).toEqual([{ port: 53, protocol: 'UDP' }, { port: 53, protocol: 'TCP' }, { port: 9153, protocol: 'TCP' }]);
    expect(byName.get('sctp-svc')!.ports).toEqual([{ port: 9999, protocol: 'SCTP' }]);
    expect(diagnostics).toEqual([]);
  });

  it('reports bad PORT(S) items at their own columns', () => {
    const text = 'NAME   TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)               AGE\nweb    ClusterIP   10.96.0.5    <none>        80/TCP,99999/TCP,x    1d\n';
    const { value, diagnostics } = parseKubectlServices(text, 'f');
    expect(value.services[0]!.ports).toEqual([{ port: 80, protocol: 'TCP' }]);
    expect(codes(diagnostics)).toEqual(['KUB004 warning 2:54', 'KUB004 warning 2:64']);
  });
});

describe('parseKubectlNodes', () => {
  it('reads nodes -o wide: roles, addresses, an OS-IMAGE with spaces', () => {
    const { value, diagnostics } = parseKubectlNodes(fixture('nodes-wide.txt'), 'nodes.txt');
    expect(value.nodes.map((n) => [n.name, n.status, n.roles, n.internalIP, n.externalIP, n.osImage, n.containerRuntime])).toEqual([
      ['kind-control-plane', 'Ready', ['control-plane'], '172.18.0.2', undefined, 'Debian GNU/Linux 12 (bookworm)', 'containerd://1.7.18'],
      ['kind-worker', 'Ready', [], '172.18.0.3', undefined, 'Debian GNU/Linux 12 (bookworm)', 'containerd://1.7.18'],
      ['kind-worker2', 'Ready,SchedulingDisabled', [], '172.18.0.4', '203.0.113.10', 'Debian GNU/Linux 12 (bookworm)', 'containerd://1.7.18'],
    ]);
    expect(diagnostics).toEqual([]);
  });

  it('puts extra words into OS-IMAGE when the padding was collapsed, and notes a missing -o wide', () => {
    const collapsed = 'NAME STATUS ROLES AGE VERSION INTERNAL-IP EXTERNAL-IP OS-IMAGE KERNEL-VERSION CONTAINER-RUNTIME\nn1 Ready <none> 9d v1.31.0 10.0.0.1 <none> Ubuntu 22.04.4 LTS 5.15.0 containerd://1.7.18\n';
    expect(parseKubectlNodes(collapsed, 'f').value.nodes[0]).toMatchObject({ osImage: 'Ubuntu 22.04.4 LTS', kernelVersion: '5.15.0', internalIP: '10.0.0.1' });
    const plain = parseKubectlNodes('NAME   STATUS   ROLES   AGE   VERSION\nn1     Ready    <none>  9d    v1.31.0\n', 'f');
    expect(codes(plain.diagnostics)).toEqual(['KUB005 info 2:1']);
  });
});

describe('buildIpNames', () => {
  const pods = parseKubectlPods(fixture('pods-A-wide.txt'), 'p').value.pods;
  const services = parseKubectlServices(fixture('svc-A-wide.txt'), 's').value.services;
  const nodes = parseKubectlNodes(fixture('nodes-wide.txt'), 'n').value.nodes;

  it('names pods, services and nodes; hostNetwork pods never rename their node', () => {
    const names = buildIpNames({ pods, services, nodes });
    expect(names.get('10.244.1.5')).toEqual({ kind: 'pod', namespace: 'default', name: 'web-7d4b9c8f5d-abcde', node: 'kind-worker' });
    expect(names.get('10.96.0.10')).toEqual({ kind: 'service', namespace: 'kube-system', name: 'kube-dns' });
    expect(names.get('172.18.255.201')).toEqual({ kind: 'service', namespace: 'default', name: 'ingress' });
    expect(names.get('172.18.0.2')).toEqual({ kind: 'node', name: 'kind-control-plane' });
    expect(names.get('203.0.113.10')).toEqual({ kind: 'node', name: 'kind-worker2' });
    expect(names.has('a1b2c3d4e5-123456789.us-east-1.elb.amazonaws.com')).toBe(false);
  });

  it('without a node listing, an IP shared by pods on one node becomes that node', () => {
    const names = buildIpNames({ pods });
    expect(names.get('172.18.0.3')).toEqual({ kind: 'node', name: 'kind-worker' });
    expect(names.get('10.244.0.3')).toMatchObject({ kind: 'pod', name: 'coredns-7db6d8ff4d-4xk2n' });
  });
});
