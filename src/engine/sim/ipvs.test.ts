/**
 * kube-proxy IPVS mode, from seed 002's kind cluster: ClusterIPs on kube-ipvs0, ipset-matching
 * iptables rules that only mark for masquerade, and IPVS picking the real server at LOCAL_IN.
 */
import { describe, expect, it } from 'vitest';
import { buildModel } from '../model/build';
import type { InputFile } from '../model/types';
import { traceHops } from '../trace/minimal';
import type { RuleNode } from '../trace/types';
import { parsePacketSpec } from './packet-spec';
import { simulate } from './simulate';

const ADDR = `1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000
    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
    inet 127.0.0.1/8 scope host lo
2: kube-ipvs0: <BROADCAST,NOARP> mtu 1500 qdisc noop state DOWN group default
    link/ether ba:f0:1b:0a:e2:16 brd ff:ff:ff:ff:ff:ff promiscuity 0  allmulti 0 minmtu 0 maxmtu 0
    dummy numtxqueues 1 numrxqueues 1 gso_max_size 65536 gso_max_segs 65535
    inet 10.200.1.1/32 scope global kube-ipvs0
    inet 10.200.1.216/32 scope global kube-ipvs0
3: veth1a2b3c4d@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default
    link/ether 3a:7f:11:22:33:44 brd ff:ff:ff:ff:ff:ff link-netnsid 1
    inet 10.10.1.1/32 scope global veth1a2b3c4d
8: eth0@if9: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default
    link/ether 02:42:ac:12:00:03 brd ff:ff:ff:ff:ff:ff link-netnsid 0
    inet 172.18.0.3/16 brd 172.18.255.255 scope global eth0
`;
const ROUTE = `default via 172.18.0.1 dev eth0
10.10.0.0/24 via 172.18.0.4 dev eth0
10.10.1.2 dev veth1a2b3c4d scope host
10.10.2.0/24 via 172.18.0.5 dev eth0
172.18.0.0/16 dev eth0 proto kernel scope link src 172.18.0.3
`;
const NAT = `-P PREROUTING ACCEPT
-P INPUT ACCEPT
-P OUTPUT ACCEPT
-P POSTROUTING ACCEPT
-N KUBE-MARK-MASQ
-N KUBE-NODE-PORT
-N KUBE-POSTROUTING
-N KUBE-SERVICES
-A PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES
-A OUTPUT -m comment --comment "kubernetes service portals" -j KUBE-SERVICES
-A POSTROUTING -m comment --comment "kubernetes postrouting rules" -j KUBE-POSTROUTING
-A KUBE-MARK-MASQ -j MARK --set-xmark 0x4000/0x4000
-A KUBE-NODE-PORT -p tcp -m comment --comment "Kubernetes nodeport TCP port for masquerade purpose" -m set --match-set KUBE-NODE-PORT-TCP dst -j KUBE-MARK-MASQ
-A KUBE-POSTROUTING -m comment --comment "Kubernetes endpoints dst ip:port, source ip for solving hairpin purpose" -m set --match-set KUBE-LOOP-BACK dst,dst,src -j MASQUERADE
-A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN
-A KUBE-POSTROUTING -j MARK --set-xmark 0x4000/0x0
-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE --random-fully
-A KUBE-SERVICES -s 127.0.0.0/8 -j RETURN
-A KUBE-SERVICES ! -s 10.10.0.0/16 -m comment --comment "Kubernetes service cluster ip + port for masquerade purpose" -m set --match-set KUBE-CLUSTER-IP dst,dst -j KUBE-MARK-MASQ
-A KUBE-SERVICES -m addrtype --dst-type LOCAL -j KUBE-NODE-PORT
-A KUBE-SERVICES -m set --match-set KUBE-CLUSTER-IP dst,dst -j ACCEPT
`;
const IPSET = `Name: KUBE-CLUSTER-IP
Type: hash:ip,port
Members:
10.200.1.1,tcp:443
10.200.1.216,tcp:9000

Name: KUBE-NODE-PORT-TCP
Type: bitmap:port
Members:
30001

Name: KUBE-LOOP-BACK
Type: hash:ip,port,ip
Members:
10.10.1.2,tcp:80,10.10.1.2
`;
const IPVS = `IP Virtual Server version 1.2.1 (size=4096)
Prot LocalAddress:Port Scheduler Flags
  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn
TCP  172.18.0.3:30001 rr
  -> 10.10.1.2:80                 Masq    1      0          0
  -> 10.10.2.2:80                 Masq    1      0          0
  -> 10.10.3.2:80                 Masq    1      0          0
TCP  10.200.1.216:9000 rr
  -> 10.10.1.2:80                 Masq    1      0          0
  -> 10.10.2.2:80                 Masq    1      0          0
  -> 10.10.3.2:80                 Masq    1      0          0
`;
const POD_ADDR = `2: eth0@if3: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default
    link/ether 6e:00:00:00:01:02 brd ff:ff:ff:ff:ff:ff link-netnsid 0
    inet 10.10.1.2/24 brd 10.10.1.255 scope global eth0
`;

const model = buildModel([
  { name: 'ip-addr.txt', text: ADDR, node: 'worker' },
  { name: 'ip-route.txt', text: ROUTE, node: 'worker' },
  { name: 'nat.txt', text: NAT, node: 'worker', format: 'iptables-rules' },
  { name: 'ipset.txt', text: IPSET, node: 'worker', format: 'ipset' },
  { name: 'ipvsadm.txt', text: IPVS, node: 'worker', format: 'ipvsadm' },
  { name: 'pod/ip-addr.txt', text: POD_ADDR, node: 'worker', netns: 'web' },
  { name: 'pod/ip-route.txt', text: 'default via 10.10.1.1 dev eth0\n10.10.1.0/24 dev eth0 proto kernel scope link src 10.10.1.2\n', node: 'worker', netns: 'web' },
]);

const matched = (hops: ReturnType<typeof traceHops>) => hops.flatMap((h) => h.children.filter((c): c is RuleNode => c.kind === 'rule' && c.matched).map((c) => `${c.rule.chain}:${c.rule.span.line}`));

describe('kube-proxy IPVS mode', () => {
  it('parses the seed-style dumps', () => expect(model.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]));

  it('serves a NodePort: ipset marks for masquerade, IPVS picks a real server at LOCAL_IN, POSTROUTING masquerades', () => {
    const packet = parsePacketSpec('tcp 172.18.0.1:40000 > 172.18.0.3:30001').value!;
    const trace = simulate(model, { from: 'worker', packet, in: 'eth0' });
    const hops = traceHops(trace).filter((h) => h.id.startsWith('request'));
    expect(matched(hops).slice(0, 5)).toEqual(['PREROUTING:9', 'KUBE-SERVICES:20', 'KUBE-NODE-PORT:13', 'KUBE-MARK-MASQ:12', 'POSTROUTING:11']);
    const ipvs = hops.find((h) => h.hop === 'ipvs')!;
    expect(ipvs.place.hook).toBe('INPUT');
    expect([ipvs.after.ip.dst, ipvs.after.l4!.dport]).toEqual(['10.10.1.2', 80]);
    const branch = trace.branches.find((b) => b.key.includes('ipvs'))!;
    expect(branch.options.map((o) => [o.value, Number(o.probability.toFixed(3))])).toEqual([['10.10.1.2:80', 0.333], ['10.10.2.2:80', 0.333], ['10.10.3.2:80', 0.333]]);
    // MASQUERADE takes the address of the egress device, here the pod's veth (10.10.1.1): seed 002
    // saw exactly this for an endpoint on the same node ("10.10.2.1로 snat되어").
    const masq = hops.find((h) => h.hop === 'conntrack' && h.before.ip.src !== h.after.ip.src)!;
    expect([masq.place.hook, masq.after.ip.src]).toEqual(['POSTROUTING', '10.10.1.1']);
    expect(trace.legs[0]!.verdict).toBe('delivered');
    // The reply is un-NATed both ways by conntrack: back to the client, from the NodePort address.
    const back = trace.legs[1]!.hops.filter((h) => h.hop === 'egress').at(-1)!;
    expect(back.after.ip).toMatchObject({ src: '172.18.0.3', dst: '172.18.0.1' });
    expect(back.after.l4!.sport).toBe(30001);
    expect(trace.assumptions.map((a) => a.key)).toContain('assume.ipvsDocumented');
  });

  it('serves a ClusterIP to a pod without masquerade, and a chosen server on another node leaves by eth0', () => {
    const packet = parsePacketSpec('tcp 10.10.1.2:40000 > 10.200.1.216:9000').value!;
    const key = 'worker:ipvs/TCP 10.200.1.216:9000';
    const trace = simulate(model, { from: 'worker/web', packet, choices: { [key]: '10.10.2.2:80' }, reply: false });
    const hops = traceHops(trace);
    expect(hops.find((h) => h.hop === 'ipvs')!.after.ip.dst).toBe('10.10.2.2');
    expect(hops.some((h) => h.before.ip.src !== h.after.ip.src)).toBe(false);
    // kind's eth0 is a veth to a Docker bridge no dump shows: the trace says so and stops there.
    expect(trace.legs[0]!.verdict).toBe('incomplete');
    expect(trace.legs[0]!.verdictMessage.key).toBe('verdict.unknownPeer');
    expect(hops.filter((h) => h.hop === 'egress').at(-1)!.place.iface).toBe('eth0');
  });
});

/*
 * A process on the node itself sending to a ClusterIP. The kernel here has no ip_vs module, so
 * this checks the engine against the kernel's source, net/netfilter/ipvs/ip_vs_core.c: IPVS's
 * request hook is registered at LOCAL_OUT with priority NF_IP_PRI_NAT_DST + 2 (-98), after the
 * nat OUTPUT chain (-100) and before filter (0); for a real server that is not local, the
 * rewritten packet is stolen, routed to the server and sent through LOCAL_OUT again
 * (ip_vs_nat_xmit, ip_vs_nat_send_or_cont), marked as IPVS's own so IPVS lets it pass.
 */
const SAVE = `*nat
:PREROUTING ACCEPT [0:0]
:INPUT ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:POSTROUTING ACCEPT [0:0]
:KUBE-MARK-MASQ - [0:0]
:KUBE-NODE-PORT - [0:0]
:KUBE-POSTROUTING - [0:0]
:KUBE-SERVICES - [0:0]
-A PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES
-A OUTPUT -m comment --comment "kubernetes service portals" -j KUBE-SERVICES
-A POSTROUTING -m comment --comment "kubernetes postrouting rules" -j KUBE-POSTROUTING
-A KUBE-MARK-MASQ -j MARK --set-xmark 0x4000/0x4000
-A KUBE-NODE-PORT -p tcp -m set --match-set KUBE-NODE-PORT-TCP dst -j KUBE-MARK-MASQ
-A KUBE-POSTROUTING -m set --match-set KUBE-LOOP-BACK dst,dst,src -j MASQUERADE
-A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN
-A KUBE-POSTROUTING -j MARK --set-xmark 0x4000/0x0
-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE
-A KUBE-SERVICES ! -s 10.10.0.0/16 -m set --match-set KUBE-CLUSTER-IP dst,dst -j KUBE-MARK-MASQ
-A KUBE-SERVICES -m addrtype --dst-type LOCAL -j KUBE-NODE-PORT
-A KUBE-SERVICES -m set --match-set KUBE-CLUSTER-IP dst,dst -j ACCEPT
COMMIT
*mangle
:PREROUTING ACCEPT [0:0]
:INPUT ACCEPT [0:0]
:FORWARD ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:POSTROUTING ACCEPT [0:0]
-A OUTPUT -p tcp --sport 40000 -j MARK --or-mark 0x1
COMMIT
*filter
:INPUT ACCEPT [0:0]
:FORWARD ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
-A OUTPUT -d 10.200.1.216/32 -p tcp --dport 9000 -j DROP
-A OUTPUT -d 10.10.1.2/32 -p tcp --dport 80 -o veth1a2b3c4d -j ACCEPT
COMMIT
`;

const HOST_INPUTS: InputFile[] = [
  { name: 'ip-addr.txt', text: ADDR, node: 'worker' },
  { name: 'ip-route.txt', text: ROUTE, node: 'worker' },
  { name: 'iptables-save.txt', text: SAVE, node: 'worker' },
  { name: 'ipset.txt', text: IPSET, node: 'worker', format: 'ipset' },
  { name: 'ipvsadm.txt', text: IPVS, node: 'worker', format: 'ipvsadm' },
  { name: 'pod/ip-addr.txt', text: POD_ADDR, node: 'worker', netns: 'web' },
  { name: 'pod/ip-route.txt', text: 'default via 10.10.1.1 dev eth0\n10.10.1.0/24 dev eth0 proto kernel scope link src 10.10.1.2\n', node: 'worker', netns: 'web' },
];
const hostModel = buildModel(HOST_INPUTS);

describe('kube-proxy IPVS mode, from the node itself (IPVS at LOCAL_OUT, documented behaviour)', () => {
  const key = 'worker:ipvs/TCP 10.200.1.216:9000';
  const packet = parsePacketSpec('tcp 172.18.0.3:40000 > 10.200.1.216:9000').value!;
  const trace = simulate(hostModel, { from: 'worker', packet, choices: { [key]: '10.10.1.2:80' } });
  const request = trace.legs[0]!.hops;
  const rules = (hops: typeof request) => hops.flatMap((h) => h.children.filter((c): c is RuleNode => c.kind === 'rule' && c.matched).map((c) => `${c.rule.table} ${c.rule.chain}:${c.rule.span.line}`));

  it('parses', () => expect(hostModel.diagnostics.filter((d) => d.severity === 'error')).toEqual([]));

  it('schedules at OUTPUT after the nat chains and before filter, which only ever sees the real server', () => {
    const ipvsAt = request.findIndex((h) => h.hop === 'ipvs');
    const ipvs = request[ipvsAt]!;
    expect(ipvs.place).toMatchObject({ hook: 'OUTPUT', iface: 'lo' });
    expect(ipvs.message).toMatchObject({ key: 'hop.ipvs', params: { hook: 'LOCAL_OUT', server: '10.10.1.2:80' } });
    expect([ipvs.after.ip.dst, ipvs.after.l4!.dport]).toEqual(['10.10.1.2', 80]);
    // Before IPVS: mangle (-150) and nat (-100) with the ClusterIP; kube-proxy marks for masquerade.
    expect(rules(request.slice(0, ipvsAt))).toEqual(['mangle OUTPUT:29', 'nat OUTPUT:11', 'nat KUBE-SERVICES:19', 'nat KUBE-MARK-MASQ:13', 'nat KUBE-SERVICES:20', 'nat KUBE-SERVICES:21']);
    // After it, LOCAL_OUT again from its start: mangle once more, filter for the first time, with
    // the real server and its route's device; the DROP for the ClusterIP never sees the packet.
    expect(rules(request.slice(ipvsAt + 1))).toEqual(['mangle OUTPUT:29', 'filter OUTPUT:36', 'nat POSTROUTING:12', 'nat KUBE-POSTROUTING:17', 'nat KUBE-POSTROUTING:18']);
    // Conntrack looks the packet up once, and nat OUTPUT is not consulted twice for the connection.
    expect(request.filter((h) => h.message.key === 'hop.ct.new')).toHaveLength(1);
    expect(request.slice(ipvsAt + 1).filter((h) => h.place.hook === 'OUTPUT' && h.place.table === 'nat')).toEqual([]);
  });

  it('masquerades to the address of the device towards the server and delivers; the reply comes back from the ClusterIP', () => {
    const masq = request.find((h) => h.hop === 'conntrack' && h.before.ip.src !== h.after.ip.src)!;
    expect(masq.place).toMatchObject({ hook: 'POSTROUTING', iface: 'veth1a2b3c4d' });
    expect(masq.after.ip.src).toBe('10.10.1.1');
    expect(trace.legs[0]!.verdict).toBe('delivered');
    expect(request.at(-1)!.place.netns).toBe('worker/web');
    expect(request.at(-1)!.after.ip).toMatchObject({ src: '10.10.1.1', dst: '10.10.1.2' });
    const reply = trace.legs[1]!;
    expect(reply.verdict).toBe('delivered');
    expect(reply.hops.at(-1)!.after.ip).toMatchObject({ src: '10.200.1.216', dst: '172.18.0.3' });
    expect(reply.hops.at(-1)!.after.l4).toMatchObject({ sport: 9000, dport: 40000 });
  });

  it('leaves a packet to an address no virtual service has to the rules alone', () => {
    const other = simulate(hostModel, { from: 'worker', packet: parsePacketSpec('tcp 172.18.0.3:40000 > 10.200.1.1:443').value!, reply: false });
    expect(other.legs[0]!.hops.some((h) => h.hop === 'ipvs')).toBe(false);
  });

  it('goes on through the hook to a real server at an address of the node itself (an API server on the node)', () => {
    const apiServer = `${IPVS}TCP  10.200.1.1:443 rr\n  -> 172.18.0.3:6443               Masq    1      0          0\n`;
    const model = buildModel(HOST_INPUTS.map((f) => (f.name === 'ipvsadm.txt' ? { ...f, text: apiServer } : f)));
    const t = simulate(model, { from: 'worker', packet: parsePacketSpec('tcp 172.18.0.3:40000 > 10.200.1.1:443').value!, reply: false });
    const hops = t.legs[0]!.hops;
    expect(hops.filter((h) => h.hop === 'ipvs')).toHaveLength(1);
    expect(t.legs[0]!.verdict).toBe('delivered');
    expect(hops.at(-1)!.after.ip.dst).toBe('172.18.0.3');
    expect(hops.at(-1)!.after.l4!.dport).toBe(6443);
    expect(hops.at(-1)!.place.netns).toBe('worker');
    // The MASQUERADE out of lo: lo's 127.0.0.1 is host scope, which inet_select_addr never takes
    // for another subnet; it takes a global address of another device (the first one listed).
    const masq = hops.find((h) => h.hop === 'conntrack' && h.before.ip.src !== h.after.ip.src)!;
    expect(masq.place).toMatchObject({ hook: 'POSTROUTING', iface: 'lo' });
    expect(masq.after.ip.src).toBe('10.10.1.1');
  });
});
